package io.guildmark.app.codesign;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.AchievementDesign;
import io.guildmark.app.catalog.AchievementPublished;
import io.guildmark.app.catalog.AchievementStatus;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.EarningDesigns;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Co-design of a draft micro-credential by an association and the employer partners it shares the draft with. The
 * association's designers share, answer proposals and publish; partner staff with {@code CO_DESIGN} comment in place,
 * propose changes and sign off a revision. Everyone else learns nothing ("not found"), and a partner whose partnership
 * ended loses access at once. Every change is audited in the association's log (and the partner's, when it acted).
 */
@Service
class CoDesign {

    static final int MAX_COMMENT = 4_000;
    static final int MAX_COMMENTS = 500;
    static final int MAX_MENTIONS = 20;
    static final int MAX_NOTE = 4_000;
    static final int MAX_CRITERION_NAME = 500;

    /** The parts of a draft a comment may be anchored to: {@code description}, {@code criteria}, {@code rubric:<key>}, {@code alignment:<n>}. */
    private static final Pattern ANCHOR = Pattern.compile("general|description|criteria|rubric:[A-Za-z0-9_-]{1,50}|alignment:\\d{1,2}");
    /** A mention written in the text: {@code @} and the person's e-mail address. */
    private static final Pattern MENTION = Pattern.compile("@([^\\s@<>()\",;]+@[^\\s@<>()\",;]+\\.[A-Za-z]{2,})");

    private static final Set<Role> DESIGNERS = Set.of(Role.OWNER, Role.ADMIN, Role.DESIGNER);
    private static final Set<Role> CO_DESIGNERS = Set.of(Role.OWNER, Role.ADMIN, Role.DESIGNER, Role.ENDORSER);

    /** Who looks at a shared draft and from which side: the association's designers, or one partner's staff. */
    record Viewer(Actor actor, Organization org, Organization association, AchievementDesign draft, boolean designer) {

        UUID draftId() {
            return draft.id();
        }
    }

    /** Someone who can see the draft and so may be mentioned. */
    record Person(UUID userId, String name, String email, String organizationSlug, String organizationName) {}

    record Share(UUID employerId, String employerSlug, String employerName, Instant sharedAt, boolean active) {}

    /** A draft as it appears in an organization's co-design list. */
    record SharedDraft(UUID achievementId, String name, String status, String associationSlug, String associationName,
            String employerSlug, String employerName, Instant sharedAt) {}

    record Mention(UUID userId, String name) {}

    record Comment(UUID id, @Nullable UUID parentId, String anchor, String body, String authorName, String organizationSlug,
            String organizationName, boolean resolved, @Nullable Instant resolvedAt, Instant createdAt, List<Mention> mentions,
            List<Comment> replies) {}

    enum ProposalState { OPEN, ACCEPTED, DECLINED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Proposal(UUID id, String field, String employerSlug, String employerName, String baseText, String proposedText,
            @Nullable String reason, ProposalState state, @Nullable String note, boolean outdated, Instant proposedAt,
            @Nullable Instant decidedAt) {

        public String fieldLabel() {
            return CoDesign.fieldLabel(field);
        }
    }

    record SignOff(String employerSlug, String employerName, String signerName, String revision, boolean current, Instant signedAt) {}

    /** Which page of a list: a position (the pages' page numbers) or the rows after a cursor (the API). */
    record Paging(int offset, int limit, @Nullable String cursor, boolean byCursor) {

        static Paging at(int offset, int limit) {
            return new Paging(offset, limit, null, false);
        }

        static Paging after(@Nullable Integer limit, @Nullable String cursor) {
            return new Paging(0, Listings.limit(limit), cursor, true);
        }
    }

    private <T> ListPage<T> page(Listings.Source source, ListOrder order, Paging paging, org.springframework.jdbc.core.RowMapper<T> mapper) {
        return paging.byCursor() ? listings.page(source, order, paging.limit(), paging.cursor(), mapper)
                : listings.pageAt(source, order, paging.offset(), paging.limit(), mapper);
    }

    /** One part of the draft as partners review it, with the key comments and proposals use for it. */
    record Part(String anchor, String label, String text) {}

    /** The review of a draft: its parts in reading order, and the revision a sign-off would be for. */
    record Review(AchievementDefinition definition, @Nullable Rubric rubric, List<Part> parts, String revision) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Partnerships partnerships;
    private final Members members;
    private final Accounts accounts;
    private final Achievements achievements;
    private final EarningDesigns earningDesigns;
    private final Listings listings;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CoDesign(JdbcClient db, Organizations organizations, Partnerships partnerships, Members members, Accounts accounts,
            Achievements achievements, EarningDesigns earningDesigns, Listings listings, Mailer mailer, GuildmarkSettings settings,
            AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.partnerships = partnerships;
        this.members = members;
        this.accounts = accounts;
        this.achievements = achievements;
        this.earningDesigns = earningDesigns;
        this.listings = listings;
        this.mailer = mailer;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- Access ---------------------------------------------------------------------------------------------------

    /**
     * The actor's view of a draft through one of its organizations: the association's designers, or staff with
     * {@code CO_DESIGN} of an active partner the draft is shared with. Anyone else gets "not found".
     */
    Viewer open(Actor actor, String slug, UUID achievementId) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        AchievementDesign draft = achievements.findDesign(achievementId).orElseThrow(() -> Problem.notFound("The draft"));
        if (draft.organizationId().equals(org.id())) {
            organizations.require(actor, slug, Permission.DESIGN);
            return new Viewer(actor, org, org, draft, true);
        }
        organizations.require(actor, slug, Permission.CO_DESIGN);
        if (draft.status() == AchievementStatus.RETIRED || !isShared(achievementId, org.id())
                || !partnerships.activePartners(draft.organizationId(), org.id())) {
            throw Problem.notFound("The draft");
        }
        Organization association = organizations.findById(draft.organizationId()).orElseThrow(() -> Problem.notFound("The draft"));
        return new Viewer(actor, org, association, draft, false);
    }

    private Viewer designer(Actor actor, String slug, UUID achievementId) {
        Viewer viewer = open(actor, slug, achievementId);
        if (!viewer.designer()) throw Problem.forbidden("Only the association's designers do this.");
        return viewer;
    }

    private Viewer partner(Actor actor, String slug, UUID achievementId) {
        Viewer viewer = open(actor, slug, achievementId);
        if (viewer.designer()) {
            throw Problem.forbidden("Partners do this; as the draft's designer, edit the draft itself.");
        }
        return viewer;
    }

    private boolean isShared(UUID achievementId, UUID employerId) {
        return db.sql("select count(*) from codesign_shares where achievement_id = ? and employer_id = ?")
                .params(achievementId, employerId).query(Long.class).single() > 0;
    }

    // ---- Reading ------------------------------------------------------------------------------------------------

    Review review(Viewer viewer) {
        AchievementDefinition d = viewer.draft().definition();
        Rubric rubric = rubricOf(viewer.draftId());
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("description", "Description", d.description()));
        parts.add(new Part("criteria", "Criteria", d.criteriaNarrative()));
        if (rubric != null) {
            for (Rubric.Criterion c : rubric.criteria()) {
                parts.add(new Part("rubric:" + c.key(), "Rubric criterion: " + c.name(), levelsText(c)));
            }
        }
        for (int i = 0; i < d.alignments().size(); i++) {
            AchievementDefinition.Alignment a = d.alignments().get(i);
            parts.add(new Part("alignment:" + i, "Alignment: " + a.targetName(), alignmentText(a)));
        }
        return new Review(d, rubric, parts, revision(d, rubric));
    }

    /** The people who can see the draft and may be mentioned: the association's designers and the partners' co-designers. */
    List<Person> people(Viewer viewer) {
        Map<UUID, Person> people = new LinkedHashMap<>();
        addPeople(people, viewer.association(), DESIGNERS);
        for (Share share : shares(viewer.draftId())) {
            if (!share.active()) continue;
            organizations.findById(share.employerId()).ifPresent(employer -> addPeople(people, employer, CO_DESIGNERS));
        }
        return List.copyOf(people.values());
    }

    private void addPeople(Map<UUID, Person> people, Organization org, Set<Role> roles) {
        for (Role role : roles) {
            for (Members.Member m : members.withRole(org.id(), role)) {
                people.putIfAbsent(m.userId(), new Person(m.userId(), m.name(), m.email(), org.slug(), org.name()));
            }
        }
    }

    List<Share> shares(Viewer viewer) {
        return shares(viewer.draftId());
    }

    /** Shared only with partners, so never more than an association has (Partnerships.MAX_PARTNERS): the list is whole. */
    private List<Share> shares(UUID achievementId) {
        List<Share> result = new ArrayList<>();
        db.sql("select employer_id, association_id, shared_at from codesign_shares where achievement_id = ? order by shared_at limit " + Partnerships.MAX_PARTNERS)
                .param(achievementId)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()})
                .list()
                .forEach(row -> organizations.findById((UUID) row[0]).ifPresent(e -> result.add(new Share(e.id(), e.slug(), e.name(),
                        (Instant) row[2], partnerships.activePartners((UUID) row[1], e.id())))));
        return result;
    }

    /** The drafts an organization shared (association) or was shared (employer, active partnerships only), newest first. */
    ListPage<SharedDraft> sharedDrafts(Actor actor, String slug, Paging paging) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        ListWhere where;
        if (org.issues() && organizations.allowed(actor, org.id(), Permission.DESIGN)) {
            where = ListWhere.of("s.association_id = ?", org.id());
        } else {
            organizations.require(actor, slug, Permission.CO_DESIGN);
            List<UUID> programs = partnerships.activeProgramsOf(org.id()).stream().map(Partnerships.Partnership::associationId).toList();
            if (programs.isEmpty()) return new ListPage<>(List.of(), 0, paging.limit(), paging.offset(), null);
            where = ListWhere.of("s.employer_id = ?", org.id())
                    .and("s.association_id in (" + String.join(", ", programs.stream().map(p -> "?").toList()) + ")", programs.toArray());
        }
        ListPage<Object[]> rows = page(new Listings.Source("codesign-shares", "s.achievement_id, s.association_id, s.employer_id, s.shared_at",
                "codesign_shares s", where), ListOrder.descending("shared", ListOrder.instant("s.shared_at"), ListOrder.uuid("s.achievement_id"),
                ListOrder.uuid("s.employer_id")), paging,
                (rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant()});
        return rows.map(row -> {
            AchievementDesign d = achievements.findDesign((UUID) row[0]).orElseThrow();
            Organization association = organizations.findById((UUID) row[1]).orElseThrow();
            Organization employer = organizations.findById((UUID) row[2]).orElseThrow();
            return new SharedDraft(d.id(), d.definition().name(), d.status().id(), association.slug(), association.name(),
                    employer.slug(), employer.name(), (Instant) row[3]);
        });
    }

    /** Threads (top comments with their replies), oldest first, a page at a time; optionally only unresolved ones. */
    ListPage<Comment> comments(Viewer viewer, boolean unresolvedOnly, Paging paging) {
        ListWhere where = ListWhere.of("c.achievement_id = ? and c.parent_id is null", viewer.draftId());
        if (unresolvedOnly) where.and("c.resolved = ?", false);
        ListPage<Comment> threads = page(new Listings.Source("codesign-comments", COMMENT_COLUMNS, "codesign_comments c", where),
                ListOrder.ascending("written", ListOrder.instant("c.created_at"), ListOrder.uuid("c.id")), paging, this::comment);
        return withReplies(threads);
    }

    private static final String COMMENT_COLUMNS = "c.id, c.parent_id, c.anchor, c.body, c.author_name, c.organization_id, c.resolved,"
            + " c.resolved_at, c.created_at";

    private ListPage<Comment> withReplies(ListPage<Comment> threads) {
        if (threads.items().isEmpty()) return threads;
        List<UUID> ids = threads.items().stream().map(Comment::id).toList();
        String in = String.join(", ", ids.stream().map(i -> "?").toList());
        Map<UUID, List<Comment>> replies = new LinkedHashMap<>();
        db.sql("select " + COMMENT_COLUMNS + " from codesign_comments c where c.parent_id in (" + in + ") order by c.created_at, c.id")
                .params(ids.toArray()).query(this::comment).list()
                .forEach(r -> replies.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r));
        List<UUID> all = new ArrayList<>(ids);
        replies.values().forEach(list -> list.forEach(r -> all.add(r.id())));
        Map<UUID, List<Mention>> mentions = mentions(all);
        return threads.map(t -> withMentions(t, mentions, replies.getOrDefault(t.id(), List.of()).stream()
                .map(r -> withMentions(r, mentions, List.of())).toList()));
    }

    private static Comment withMentions(Comment c, Map<UUID, List<Mention>> mentions, List<Comment> replies) {
        return new Comment(c.id(), c.parentId(), c.anchor(), c.body(), c.authorName(), c.organizationSlug(), c.organizationName(),
                c.resolved(), c.resolvedAt(), c.createdAt(), mentions.getOrDefault(c.id(), List.of()), replies);
    }

    private Map<UUID, List<Mention>> mentions(List<UUID> commentIds) {
        Map<UUID, List<Mention>> result = new LinkedHashMap<>();
        String in = String.join(", ", commentIds.stream().map(i -> "?").toList());
        db.sql("select comment_id, user_id, name from codesign_mentions where comment_id in (" + in + ") order by name")
                .params(commentIds.toArray())
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new Mention(rs.getObject(2, UUID.class), rs.getString(3)));
                });
        return result;
    }

    ListPage<Proposal> proposals(Viewer viewer, Paging paging) {
        Review review = review(viewer);
        return page(new Listings.Source("codesign-proposals", PROPOSAL_COLUMNS, "codesign_proposals p",
                ListWhere.of("p.achievement_id = ?", viewer.draftId())),
                ListOrder.descending("proposed", ListOrder.instant("p.proposed_at"), ListOrder.uuid("p.id")), paging,
                (rs, n) -> proposal(rs, review));
    }

    private static final String PROPOSAL_COLUMNS = "p.id, p.field, p.employer_id, p.base_text, p.proposed_text, p.reason, p.state, p.note,"
            + " p.proposed_at, p.decided_at";

    ListPage<SignOff> signOffs(Viewer viewer, Paging paging) {
        String current = review(viewer).revision();
        return page(new Listings.Source("codesign-signoffs", "s.employer_id, s.signer_name, s.revision_hash, s.signed_at",
                "codesign_signoffs s", ListWhere.of("s.achievement_id = ?", viewer.draftId())),
                ListOrder.descending("signed", ListOrder.instant("s.signed_at"), ListOrder.uuid("s.employer_id"), ListOrder.text("s.revision_hash")),
                paging, (rs, n) -> {
                    Organization employer = organizations.findById(rs.getObject(1, UUID.class)).orElseThrow();
                    String revision = rs.getString(3);
                    return new SignOff(employer.slug(), employer.name(), rs.getString(2), revision, revision.equals(current),
                            rs.getTimestamp(4).toInstant());
                });
    }

    // ---- Sharing ------------------------------------------------------------------------------------------------

    /** Shares the draft with active partners (by short name), or with all of them; partners already shared with stay. */
    @Transactional
    List<Share> share(Actor actor, String slug, UUID achievementId, List<String> employerSlugs, boolean all) {
        Viewer viewer = designer(actor, slug, achievementId);
        if (viewer.draft().status() == AchievementStatus.RETIRED) {
            throw Problem.conflict("retired", "A retired micro-credential is not co-designed; publish it again first.");
        }
        List<Partnerships.Partnership> active = partnerships.activePartnersOf(viewer.association().id());
        List<Partnerships.Partnership> chosen = new ArrayList<>();
        if (all) {
            chosen.addAll(active);
        } else {
            if (employerSlugs.size() > 200) throw Problem.invalidField("employers", "Share with at most 200 partners at a time.");
            for (String s : new LinkedHashSet<>(employerSlugs)) {
                String wanted = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
                Partnerships.Partnership p = active.stream().filter(a -> a.employerSlug().equals(wanted)).findFirst()
                        .orElseThrow(() -> Problem.invalidField("employers", "\"" + abbreviate(wanted, 63) + "\" is not an active employer partner of "
                                + viewer.association().name() + "."));
                chosen.add(p);
            }
        }
        if (chosen.isEmpty()) throw Problem.invalidField("employers", "Choose at least one active employer partner.");
        Instant now = clock.instant();
        for (Partnerships.Partnership p : chosen) {
            if (isShared(achievementId, p.employerId())) continue;
            db.sql("insert into codesign_shares (achievement_id, employer_id, association_id, shared_by, shared_at) values (?, ?, ?, ?, ?)")
                    .params(achievementId, p.employerId(), viewer.association().id(), userId(actor), Timestamp.from(now)).update();
            record(viewer, "codesign.shared", "achievement", achievementId, Map.of("employer", p.employerSlug()));
            Organization employer = organizations.findById(p.employerId()).orElseThrow();
            Set<String> told = new LinkedHashSet<>();
            for (Role role : CO_DESIGNERS) members.withRole(employer.id(), role).forEach(m -> told.add(m.email()));
            told.stream().limit(50).forEach(email -> mailer.send(new EmailAddress(email),
                    viewer.association().name() + " asks for your review of \"" + viewer.draft().definition().name() + "\"",
                    viewer.association().name() + " shares a draft micro-credential with " + employer.name() + " for co-design: comment on it,"
                            + " propose changes and sign it off.\n\n" + reviewUrl(employer.slug(), achievementId) + "\n"));
        }
        return shares(achievementId);
    }

    @Transactional
    List<Share> unshare(Actor actor, String slug, UUID achievementId, String employerSlug) {
        Viewer viewer = designer(actor, slug, achievementId);
        Share share = shares(achievementId).stream().filter(s -> s.employerSlug().equalsIgnoreCase(employerSlug.strip())).findFirst()
                .orElseThrow(() -> Problem.notFound("The share"));
        db.sql("delete from codesign_shares where achievement_id = ? and employer_id = ?").params(achievementId, share.employerId()).update();
        record(viewer, "codesign.unshared", "achievement", achievementId, Map.of("employer", share.employerSlug()));
        return shares(achievementId);
    }

    // ---- Comments -----------------------------------------------------------------------------------------------

    /**
     * Comments on a part of the draft, or replies to a thread (a reply to a reply joins its thread). Mentions are the
     * people chosen, plus any {@code @address} in the text of someone who can see the draft; each gets an e-mail.
     */
    @Transactional
    Comment comment(Actor actor, String slug, UUID achievementId, @Nullable String anchor, @Nullable String body,
            @Nullable UUID parentId, List<UUID> mentionIds) {
        Viewer viewer = open(actor, slug, achievementId);
        Map<String, String> errors = new LinkedHashMap<>();
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) errors.put("body", "Write the comment.");
        else if (text.length() > MAX_COMMENT) errors.put("body", "Keep a comment to 4,000 characters or fewer.");
        UUID threadId = null;
        String where = anchor == null ? "" : anchor.strip();
        if (parentId != null) {
            Object[] parent = db.sql("select coalesce(parent_id, id), anchor from codesign_comments where id = ? and achievement_id = ?")
                    .params(parentId, achievementId).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)})
                    .optional().orElse(null);
            if (parent == null) errors.put("parentId", "There is no such comment on this draft.");
            else {
                threadId = (UUID) parent[0];
                where = (String) parent[1];
            }
        } else if (!anchorExists(viewer, where)) {
            errors.put("anchor", "Choose the part you comment on: general, description, criteria, a rubric criterion or an alignment.");
        }
        if (mentionIds.size() > MAX_MENTIONS) errors.put("mentions", "Mention at most " + MAX_MENTIONS + " people.");
        List<Person> people = people(viewer);
        Map<UUID, Person> mentioned = new LinkedHashMap<>();
        for (UUID id : mentionIds) {
            Person p = people.stream().filter(x -> x.userId().equals(id)).findFirst().orElse(null);
            if (p == null) errors.putIfAbsent("mentions", "Mention only people who can see this draft.");
            else mentioned.put(p.userId(), p);
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String email = m.group(1).toLowerCase(Locale.ROOT);
            people.stream().filter(x -> x.email().equalsIgnoreCase(email)).findFirst().ifPresent(p -> mentioned.putIfAbsent(p.userId(), p));
        }
        if (mentioned.size() > MAX_MENTIONS) errors.putIfAbsent("mentions", "Mention at most " + MAX_MENTIONS + " people.");
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        long count = db.sql("select count(*) from codesign_comments where achievement_id = ?").param(achievementId).query(Long.class).single();
        if (count >= MAX_COMMENTS) {
            throw Problem.conflict("too-many-comments", "This draft has " + MAX_COMMENTS + " comments, the most it holds; resolve and"
                    + " summarize the discussion in the draft itself.");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.sql("""
                insert into codesign_comments (id, achievement_id, parent_id, anchor, body, author_id, author_name, organization_id, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, achievementId, threadId, where, text, userId(actor), authorName(actor, viewer.org()), viewer.org().id(),
                        Timestamp.from(now)).update();
        for (Person p : mentioned.values()) {
            db.sql("insert into codesign_mentions (comment_id, user_id, name) values (?, ?, ?)").params(id, p.userId(), p.name()).update();
            if (actor instanceof Actor.Person me && me.userId().equals(p.userId())) continue;
            mailer.send(new EmailAddress(p.email()), authorName(actor, viewer.org()) + " mentioned you on \""
                    + viewer.draft().definition().name() + "\"",
                    authorName(actor, viewer.org()) + " (" + viewer.org().name() + ") mentioned you in a comment on the draft \""
                            + viewer.draft().definition().name() + "\":\n\n" + abbreviate(text, 1000) + "\n\nOpen the draft: "
                            + reviewUrl(p.organizationSlug(), achievementId) + "\n");
        }
        record(viewer, threadId == null ? "codesign.commented" : "codesign.replied", "comment", id,
                Map.of("anchor", where, "mentions", mentioned.size()));
        return find(id);
    }

    private boolean anchorExists(Viewer viewer, String anchor) {
        if (!ANCHOR.matcher(anchor).matches()) return false;
        return anchor.equals("general") || review(viewer).parts().stream().anyMatch(p -> p.anchor().equals(anchor));
    }

    /** Either side resolves a thread (or opens it again). */
    @Transactional
    Comment resolve(Actor actor, String slug, UUID achievementId, UUID commentId, boolean resolved) {
        Viewer viewer = open(actor, slug, achievementId);
        Comment comment = db.sql("select " + COMMENT_COLUMNS + " from codesign_comments c where c.id = ? and c.achievement_id = ?")
                .params(commentId, achievementId).query(this::comment).optional().orElseThrow(() -> Problem.notFound("The comment"));
        if (comment.parentId() != null) throw Problem.invalid("reply", "Resolve the thread, not a reply in it.");
        db.sql("update codesign_comments set resolved = ?, resolved_by = ?, resolved_at = ? where id = ?")
                .params(resolved, resolved ? userId(actor) : null, resolved ? Timestamp.from(clock.instant()) : null, commentId).update();
        record(viewer, resolved ? "codesign.resolved" : "codesign.reopened", "comment", commentId, Map.of("anchor", comment.anchor()));
        return find(commentId);
    }

    private Comment find(UUID id) {
        Comment c = db.sql("select " + COMMENT_COLUMNS + " from codesign_comments c where c.id = ?").param(id).query(this::comment).single();
        return withMentions(c, mentions(List.of(id)), List.of());
    }

    // ---- Proposals ----------------------------------------------------------------------------------------------

    /** A partner proposes new text for the description, the criteria or a rubric criterion ({@code rubric:<key>}). */
    @Transactional
    Proposal propose(Actor actor, String slug, UUID achievementId, @Nullable String field, @Nullable String text, @Nullable String reason) {
        Viewer viewer = partner(actor, slug, achievementId);
        Review review = review(viewer);
        Map<String, String> errors = new LinkedHashMap<>();
        String target = field == null ? "" : field.strip();
        String base = currentText(review, target);
        String proposed = text == null ? "" : text.strip();
        if (base == null) errors.put("field", "Propose a change to the description, the criteria or a rubric criterion (rubric:<key>).");
        int max = target.startsWith("rubric:") ? MAX_CRITERION_NAME : AchievementDefinition.MAX_DESCRIPTION;
        if (proposed.isEmpty()) errors.put("text", "Write the text you propose.");
        else if (proposed.length() > max) errors.put("text", "Keep the proposed text to " + String.format(Locale.ROOT, "%,d", max) + " characters or fewer.");
        else if (proposed.equals(base)) errors.put("text", "The proposed text is the same as the draft's.");
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_NOTE) errors.put("reason", "Keep the reason to 4,000 characters or fewer.");
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        long open = db.sql("select count(*) from codesign_proposals where achievement_id = ? and state = 'open'").param(achievementId)
                .query(Long.class).single();
        if (open >= 200) throw Problem.conflict("too-many-proposals", "This draft has 200 open proposals; wait for the designer's answers.");
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into codesign_proposals (id, achievement_id, employer_id, field, base_text, proposed_text, reason, state, proposed_by, proposed_at)
                values (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)""")
                .params(id, achievementId, viewer.org().id(), target, base, proposed, why, userId(actor), Timestamp.from(clock.instant()))
                .update();
        record(viewer, "codesign.proposed", "proposal", id, Map.of("field", target));
        return proposal(viewer, id);
    }

    /**
     * The designer accepts a proposal, which applies it through the catalog's (or the rubric's) own editing path, so
     * every rule of the draft holds; or declines it with a note. A proposal whose field changed since is outdated and
     * can only be declined.
     */
    @Transactional
    Proposal decide(Actor actor, String slug, UUID achievementId, UUID proposalId, boolean accept, @Nullable String note) {
        Viewer viewer = designer(actor, slug, achievementId);
        Proposal proposal = proposal(viewer, proposalId);
        String answer = note == null || note.isBlank() ? null : note.strip();
        if (answer != null && answer.length() > MAX_NOTE) throw Problem.invalidField("note", "Keep the note to 4,000 characters or fewer.");
        if (proposal.state() != ProposalState.OPEN) {
            throw Problem.conflict("already-decided", "This proposal was already " + proposal.state().id() + ".");
        }
        if (accept) {
            if (proposal.outdated()) {
                throw Problem.conflict("outdated", "The " + fieldLabel(proposal.field()) + " changed since this proposal was made;"
                        + " decline it, or ask for a new proposal.");
            }
            apply(viewer, proposal);
        }
        db.sql("update codesign_proposals set state = ?, note = ?, decided_by = ?, decided_at = ? where id = ?")
                .params(accept ? "accepted" : "declined", answer, userId(actor), Timestamp.from(clock.instant()), proposalId).update();
        record(viewer, accept ? "codesign.proposal-accepted" : "codesign.proposal-declined", "proposal", proposalId,
                Map.of("field", proposal.field(), "employer", proposal.employerSlug()));
        UUID proposer = db.sql("select proposed_by from codesign_proposals where id = ?").param(proposalId).query(UUID.class).optional().orElse(null);
        if (proposer != null) {
            accounts.find(proposer).ifPresent(u -> mailer.send(new EmailAddress(u.email()),
                    viewer.association().name() + (accept ? " accepted" : " declined") + " your proposal for \"" + viewer.draft().definition().name() + "\"",
                    viewer.association().name() + (accept ? " accepted" : " declined") + " your proposed " + fieldLabel(proposal.field())
                            + (answer == null ? "." : ": " + answer) + "\n\n" + reviewUrl(proposal.employerSlug(), achievementId) + "\n"));
        }
        return proposal(viewer, proposalId);
    }

    private void apply(Viewer viewer, Proposal proposal) {
        String slug = viewer.association().slug();
        UUID id = viewer.draftId();
        AchievementDefinition d = viewer.draft().definition();
        String text = proposal.proposedText();
        if (proposal.field().equals("description") || proposal.field().equals("criteria")) {
            boolean description = proposal.field().equals("description");
            achievements.update(viewer.actor(), slug, id, new AchievementDefinition(d.name(), description ? text : d.description(),
                    d.achievementType(), description ? d.criteriaNarrative() : text, d.alignments(), d.tags(), d.estimatedHours(),
                    d.creditValue(), d.creditType(), d.validityMonths(), d.memberPrice(), d.nonMemberPrice(), d.currency(), d.imageKey(),
                    d.imageUrl(), d.humanCode(), d.requirements()));
            return;
        }
        String key = proposal.field().substring("rubric:".length());
        EarningDesigns.Versioned current = earningDesigns.current(viewer.actor(), slug, id);
        EarningDesign design = current.design();
        Rubric rubric = design.rubric();
        if (rubric == null) throw Problem.conflict("outdated", "The draft no longer has a rubric.");
        List<Rubric.Criterion> criteria = rubric.criteria().stream()
                .map(c -> c.key().equals(key) ? new Rubric.Criterion(c.key(), text, c.levels(), c.requiredLevel()) : c).toList();
        earningDesigns.save(viewer.actor(), slug, id, new EarningDesign(new Rubric(rubric.id(), criteria), design.assessment(),
                design.submission(), design.demonstration(), design.completion(), design.prerequisites()));
    }

    private Proposal proposal(Viewer viewer, UUID proposalId) {
        Review review = review(viewer);
        return db.sql("select " + PROPOSAL_COLUMNS + " from codesign_proposals p where p.id = ? and p.achievement_id = ?")
                .params(proposalId, viewer.draftId()).query((rs, n) -> proposal(rs, review)).optional()
                .orElseThrow(() -> Problem.notFound("The proposal"));
    }

    private Proposal proposal(ResultSet rs, Review review) throws SQLException {
        Organization employer = organizations.findById(rs.getObject("employer_id", UUID.class)).orElseThrow();
        ProposalState state = ProposalState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT));
        String field = rs.getString("field");
        String base = rs.getString("base_text");
        boolean outdated = state == ProposalState.OPEN && !base.equals(currentText(review, field));
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Proposal(rs.getObject("id", UUID.class), field, employer.slug(), employer.name(), base, rs.getString("proposed_text"),
                rs.getString("reason"), state, rs.getString("note"), outdated, rs.getTimestamp("proposed_at").toInstant(),
                decided == null ? null : decided.toInstant());
    }

    /** The field's text now, or null when the draft has no such field (a rubric criterion removed since). */
    private static @Nullable String currentText(Review review, String field) {
        if (field.equals("description")) return review.definition().description();
        if (field.equals("criteria")) return review.definition().criteriaNarrative();
        if (field.startsWith("rubric:") && review.rubric() != null) {
            String key = field.substring("rubric:".length());
            return review.rubric().criteria().stream().filter(c -> c.key().equals(key)).map(Rubric.Criterion::name).findFirst().orElse(null);
        }
        return null;
    }

    static String fieldLabel(String field) {
        if (field.equals("description")) return "description";
        if (field.equals("criteria")) return "criteria";
        return "rubric criterion \"" + field.substring(field.indexOf(':') + 1) + "\"";
    }

    // ---- Sign-off -------------------------------------------------------------------------------------------------

    /**
     * A partner signs off the draft's current revision. With {@code revision} (as the page showed it) a draft that
     * changed since is refused, so nobody signs off text they did not see.
     */
    @Transactional
    SignOff signOff(Actor actor, String slug, UUID achievementId, @Nullable String revision) {
        Viewer viewer = partner(actor, slug, achievementId);
        String current = review(viewer).revision();
        if (revision != null && !revision.isBlank() && !revision.strip().equals(current)) {
            throw Problem.conflict("changed", "The draft changed since you opened it; read it again before you sign off.");
        }
        Instant now = clock.instant();
        String signer = authorName(actor, viewer.org());
        int inserted = db.sql("""
                insert into codesign_signoffs (achievement_id, employer_id, revision_hash, signed_by, signer_name, signed_at)
                select ?, ?, ?, ?, ?, ? where not exists
                  (select 1 from codesign_signoffs where achievement_id = ? and employer_id = ? and revision_hash = ?)""")
                .params(achievementId, viewer.org().id(), current, userId(actor), signer, Timestamp.from(now), achievementId,
                        viewer.org().id(), current).update();
        if (inserted > 0) record(viewer, "codesign.signed-off", "achievement", achievementId, Map.of("revision", current));
        return db.sql("select signer_name, signed_at from codesign_signoffs where achievement_id = ? and employer_id = ? and revision_hash = ?")
                .params(achievementId, viewer.org().id(), current)
                .query((rs, n) -> new SignOff(viewer.org().slug(), viewer.org().name(), rs.getString(1), current, true,
                        rs.getTimestamp(2).toInstant())).single();
    }

    // ---- Publication --------------------------------------------------------------------------------------------

    /**
     * At publication (inside its transaction), the partners that signed off exactly the published revision, and are
     * still active partners it is shared with, become the version's co-designers; each is announced as
     * {@link CoDesignSignedOff}, which endorsements turn into a co-designer endorsement.
     */
    @EventListener
    void published(AchievementPublished event) {
        List<UUID> signed = db.sql("select distinct employer_id from codesign_signoffs where achievement_id = ?")
                .param(event.achievementId()).query(UUID.class).list();
        if (signed.isEmpty()) return;
        AchievementDefinition definition = achievements.findVersion(event.achievementId(), event.version()).orElseThrow().definition();
        String revision = revision(definition, rubricOf(event.achievementId()));
        Instant now = clock.instant();
        for (UUID employerId : signed) {
            boolean signedThis = db.sql("select count(*) from codesign_signoffs where achievement_id = ? and employer_id = ? and revision_hash = ?")
                    .params(event.achievementId(), employerId, revision).query(Long.class).single() > 0;
            if (!signedThis || !isShared(event.achievementId(), employerId) || !partnerships.activePartners(event.organizationId(), employerId)) continue;
            int inserted = db.sql("""
                    insert into codesign_codesigners (achievement_id, version, employer_id, revision_hash, recorded_at)
                    select ?, ?, ?, ?, ? where not exists
                      (select 1 from codesign_codesigners where achievement_id = ? and version = ? and employer_id = ?)""")
                    .params(event.achievementId(), event.version(), employerId, revision, Timestamp.from(now), event.achievementId(),
                            event.version(), employerId).update();
            if (inserted == 0) continue;
            audit.record(null, event.organizationId(), "codesign.co-designer-named", "achievement", event.achievementId(),
                    Map.of("version", event.version(), "employer", employerId.toString()));
            events.publishEvent(new CoDesignSignedOff(event.achievementId(), event.version(), employerId, revision));
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    private @Nullable Rubric rubricOf(UUID achievementId) {
        return earningDesigns.latest(achievementId).map(v -> v.design().rubric()).orElse(null);
    }

    /** The revision partners sign off: the definition's content hash and the rubric's criteria and levels, hashed together. */
    static String revision(AchievementDefinition definition, @Nullable Rubric rubric) {
        JsonArrayBuilder criteria = Json.createArrayBuilder();
        if (rubric != null) {
            for (Rubric.Criterion c : rubric.criteria()) {
                JsonArrayBuilder levels = Json.createArrayBuilder();
                c.levels().forEach(l -> levels.add(Json.createArrayBuilder().add(l.key()).add(l.name()).add(l.descriptor())));
                criteria.add(Json.createArrayBuilder().add(c.key()).add(c.name()).add(c.requiredLevel()).add(levels));
            }
        }
        String text = definition.contentHash() + "\n" + criteria.build();
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String levelsText(Rubric.Criterion c) {
        StringBuilder text = new StringBuilder();
        for (Rubric.Level l : c.levels()) {
            if (text.length() > 0) text.append('\n');
            text.append(l.name()).append(l.key().equals(c.requiredLevel()) ? " (meets the standard)" : "")
                    .append(l.descriptor().isBlank() ? "" : ": " + l.descriptor());
        }
        return text.toString();
    }

    private static String alignmentText(AchievementDefinition.Alignment a) {
        List<String> bits = new ArrayList<>();
        if (a.targetFramework() != null) bits.add(a.targetFramework());
        if (a.targetCode() != null) bits.add(a.targetCode());
        bits.add(a.targetUrl());
        if (a.targetDescription() != null) bits.add(a.targetDescription());
        return String.join(" · ", bits);
    }

    String reviewUrl(String orgSlug, UUID achievementId) {
        return settings.url("/organizations/" + orgSlug + "/co-design/" + achievementId);
    }

    private Comment comment(ResultSet rs, int n) throws SQLException {
        Organization org = organizations.findById(rs.getObject("organization_id", UUID.class)).orElseThrow();
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new Comment(rs.getObject("id", UUID.class), rs.getObject("parent_id", UUID.class), rs.getString("anchor"), rs.getString("body"),
                rs.getString("author_name"), org.slug(), org.name(), rs.getBoolean("resolved"), resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getTimestamp("created_at").toInstant(), List.of(), List.of());
    }

    private String authorName(Actor actor, Organization org) {
        if (actor instanceof Actor.Person p) return accounts.find(p.userId()).map(u -> u.name()).orElse(p.email());
        return org.name() + " (API)";
    }

    private static @Nullable UUID userId(Actor actor) {
        return actor instanceof Actor.Person p ? p.userId() : null;
    }

    /** Recorded in the association's log, and in the partner's too when a partner acted. */
    private void record(Viewer viewer, String action, String objectType, UUID objectId, Map<String, ?> changes) {
        Map<String, Object> details = new LinkedHashMap<>(changes);
        details.put("draft", viewer.draftId().toString());
        details.put("by", viewer.org().slug());
        audit.record(viewer.actor(), viewer.association().id(), action, objectType, objectId, details);
        if (!viewer.designer()) audit.record(viewer.actor(), viewer.org().id(), action, objectType, objectId, details);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** The organization whose co-design list the actor opens (its members only). */
    Organization organization(Actor actor, String slug) {
        return organizations.require(actor, slug, Permission.VIEW);
    }

    /** The association's active partners, to share the draft with. */
    List<Partnerships.Partnership> activePartners(Viewer viewer) {
        return viewer.designer() ? partnerships.activePartnersOf(viewer.association().id()) : List.of();
    }
}
