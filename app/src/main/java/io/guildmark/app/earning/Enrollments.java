package io.guildmark.app.earning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.membership.Roster;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Enrolling in micro-credentials, a learner's view of where they stand, and staff marking priced enrollments paid. */
@Service
public class Enrollments {

    private final JdbcClient db;
    private final Achievements achievements;
    private final EarningDesigns designs;
    private final Organizations organizations;
    private final Awards awards;
    private final Accounts accounts;
    private final Progress progress;
    private final EarnedAwards earnedAwards;
    private final Clock clock;

    private final Roster roster;
    private final Listings listings;
    private final io.guildmark.app.accounts.EmailAddresses emailAddresses;
    private final ApplicationEventPublisher events;
    private final io.guildmark.app.shared.AuditTrail audit;
    private final io.guildmark.app.catalog.MemberTypePrices memberTypePrices;

    Enrollments(JdbcClient db, Achievements achievements, EarningDesigns designs, Organizations organizations, Awards awards,
            Accounts accounts, Progress progress, EarnedAwards earnedAwards, Roster roster, Clock clock,
            io.guildmark.app.accounts.EmailAddresses emailAddresses, Listings listings, ApplicationEventPublisher events,
            io.guildmark.app.shared.AuditTrail audit, io.guildmark.app.catalog.MemberTypePrices memberTypePrices) {
        this.memberTypePrices = memberTypePrices;
        this.events = events;
        this.audit = audit;
        this.emailAddresses = emailAddresses;
        this.listings = listings;
        this.db = db;
        this.roster = roster;
        this.achievements = achievements;
        this.designs = designs;
        this.organizations = organizations;
        this.awards = awards;
        this.accounts = accounts;
        this.progress = progress;
        this.earnedAwards = earnedAwards;
        this.clock = clock;
    }

    /**
     * Enrolls the person; enrolling again answers the existing enrollment. Refused, changing nothing, when the
     * micro-credential is not published, has no online path, or a prerequisite is not held.
     */
    @Transactional
    public Enrollment enroll(Actor.Person person, UUID achievementId) {
        AchievementVersion version = achievements.latestPublished(achievementId).filter(AchievementVersion::awardable)
                .orElseThrow(() -> Problem.notFound("The micro-credential"));
        Organization org = organizations.findById(version.organizationId()).orElseThrow(() -> Problem.notFound("The micro-credential"));
        Optional<Enrollment> existing = find(achievementId, person.email());
        if (existing.isPresent() && existing.get().state() != Enrollment.State.WITHDRAWN) return existing.get();
        EarningDesigns.Versioned design = designs.latest(achievementId).filter(d -> d.design().earnable())
                .orElseThrow(() -> Problem.conflict("not-earnable-online", "\"" + version.definition().name() + "\" is awarded by "
                        + org.name() + " directly; there is nothing to enroll in online."));
        List<String> missing = new ArrayList<>();
        for (UUID prerequisite : design.design().prerequisites()) {
            if (!awards.holds(person.email(), prerequisite)) {
                missing.add(achievements.latestVersion(prerequisite).map(v -> "\"" + v.definition().name() + "\"").orElse("a retired micro-credential"));
            }
        }
        if (!missing.isEmpty()) {
            throw Problem.conflict("prerequisites-missing", "Earn " + String.join(" and ", missing) + " first: "
                    + (missing.size() == 1 ? "it is a prerequisite" : "they are prerequisites") + " of \"" + version.definition().name() + "\".");
        }
        String name = accounts.find(person.userId()).map(u -> u.name()).orElse(person.email());
        // The member price follows the association's roster, not staff roles: a member is who its membership system says.
        Optional<List<String>> membership = roster.activeMembership(org.id(), emailAddresses.verifiedEmails(person.userId()));
        Long price = price(version, membership);
        // Kept with the enrollment for revenue by member type: the roster may say otherwise by the time of the report.
        Boolean member = price == null ? null : membership.isPresent();
        String memberType = price == null ? null : buyerType(version, membership);
        Instant now = clock.instant();
        Integer deadlineDays = design.design().submission() == null ? null : design.design().submission().deadlineDays();
        Instant deadline = deadlineDays == null ? null : now.plus(Duration.ofDays(deadlineDays));
        Enrollment.Payment payment = price == null ? Enrollment.Payment.NONE : Enrollment.Payment.DUE;
        if (existing.isPresent()) {
            if (existing.get().payment() == Enrollment.Payment.PAID) {
                // Paid once and not refunded: coming back after a withdrawal never charges again.
                db.sql("""
                        update enrollments set design_version = ?, user_id = ?, name = ?, state = 'active', enrolled_at = ?, deadline_at = ?
                        where id = ?""")
                        .params(design.version(), person.userId(), name, Timestamp.from(now), deadline == null ? null : Timestamp.from(deadline),
                                existing.get().id()).update();
                earnedAwards.checkAfterCommit(existing.get().id());
                return require(existing.get().id());
            }
            db.sql("""
                    update enrollments set design_version = ?, user_id = ?, name = ?, state = 'active', payment = ?, price_minor = ?,
                      currency = ?, enrolled_at = ?, deadline_at = ?, buyer_member = ?, buyer_member_type = ? where id = ?""")
                    .params(design.version(), person.userId(), name, payment.id(), price, price == null ? null : version.definition().currency(),
                            Timestamp.from(now), deadline == null ? null : Timestamp.from(deadline), member, memberType, existing.get().id()).update();
            earnedAwards.checkAfterCommit(existing.get().id());
            return require(existing.get().id());
        }
        UUID id = UUID.randomUUID();
        insert(id, org.id(), achievementId, design.version(), person.email(), person.userId(), name, payment, price,
                price == null ? null : version.definition().currency(), now, deadline);
        if (price != null) {
            db.sql("update enrollments set buyer_member = ?, buyer_member_type = ? where id = ?").params(member, memberType, id).update();
        }
        // A course completion reported before enrolling already counts, and may be the only requirement.
        earnedAwards.checkAfterCommit(id);
        return require(id);
    }

    /**
     * The enrollment of an address in a micro-credential, created on the newest design if there is none: a learning
     * system may report a completion for someone who never enrolled.
     */
    Enrollment enrollByReport(UUID organizationId, UUID achievementId, String email, String name) {
        Optional<Enrollment> existing = find(achievementId, email);
        if (existing.isPresent()) return existing.get();
        int designVersion = designs.latest(achievementId).map(EarningDesigns.Versioned::version).orElseThrow();
        var account = accounts.findByEmail(email);
        UUID userId = account.map(u -> u.id()).orElse(null);
        String known = account.map(u -> u.name()).orElse(name);
        UUID id = UUID.randomUUID();
        insert(id, organizationId, achievementId, designVersion, email, userId, known, Enrollment.Payment.NONE, null, null,
                clock.instant(), null);
        return require(id);
    }

    private void insert(UUID id, UUID orgId, UUID achievementId, int designVersion, String email, @Nullable UUID userId, String name,
            Enrollment.Payment payment, @Nullable Long price, @Nullable String currency, Instant now, @Nullable Instant deadline) {
        db.sql("""
                insert into enrollments (id, organization_id, achievement_id, design_version, email, user_id, name, state, payment,
                  price_minor, currency, enrolled_at, deadline_at) values (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)""")
                .params(id, orgId, achievementId, designVersion, email, userId, name, payment.id(), price, currency,
                        Timestamp.from(now), deadline == null ? null : Timestamp.from(deadline))
                .update();
        events.publishEvent(new EnrollmentCreated(id, orgId, achievementId, email, now));
    }

    /**
     * The price that applies, or {@code null} when enrollment is free: a member pays the lowest price set for one of
     * their member types, else the member price; anyone else the non-member price.
     */
    private @Nullable Long price(AchievementVersion version, Optional<List<String>> membership) {
        AchievementDefinition definition = version.definition();
        Optional<Long> byType = membership.stream().flatMap(List::stream)
                .flatMap(type -> memberTypePrices.priceFor(version.achievementId(), type).stream()).min(Long::compare);
        if (byType.isPresent()) return byType.get() <= 0 ? null : byType.get();
        boolean member = membership.isPresent();
        Long price = member && definition.memberPrice() != null ? definition.memberPrice() : definition.nonMemberPrice();
        if (price == null) price = definition.memberPrice();
        return price == null || price <= 0 ? null : price;
    }

    /** The member type a priced enrollment is reported under: the one whose price applied, else the member's first type. */
    private @Nullable String buyerType(AchievementVersion version, Optional<List<String>> membership) {
        List<String> types = membership.orElse(List.of());
        return types.stream().filter(type -> memberTypePrices.priceFor(version.achievementId(), type).isPresent())
                .min(java.util.Comparator.comparing(type -> memberTypePrices.priceFor(version.achievementId(), type).orElseThrow()))
                .or(() -> types.stream().findFirst()).orElse(null);
    }

    /** A learner's enrollments with where each stands, newest first. */
    public List<Progress.View> dashboard(Actor.Person person) {
        List<Enrollment> mine = db.sql("select * from enrollments where (user_id = ? or email = ?) and state <> 'withdrawn' order by enrolled_at desc")
                .params(person.userId(), person.email()).query(Enrollments::row).list();
        return progress.ofAll(mine);
    }

    /** One of the learner's own enrollments; anyone else's reads as not found. */
    public Progress.View mine(Actor.Person person, UUID enrollmentId) {
        Enrollment e = find(enrollmentId).filter(x -> owns(person, x)).orElseThrow(() -> Problem.notFound("The enrollment"));
        return progress.of(e);
    }

    /** Withdraws from an enrollment; work done is kept, and enrolling again resumes it. */
    @Transactional
    public void withdraw(Actor.Person person, UUID enrollmentId) {
        Enrollment e = find(enrollmentId).filter(x -> owns(person, x)).orElseThrow(() -> Problem.notFound("The enrollment"));
        if (!e.active()) throw Problem.conflict("not-active", "Only an enrollment in progress can be withdrawn.");
        db.sql("update enrollments set state = 'withdrawn' where id = ? and state = 'active'").param(e.id()).update();
    }

    static boolean owns(Actor.Person person, Enrollment e) {
        return person.userId().equals(e.userId()) || person.email().equalsIgnoreCase(e.email());
    }

    /** How staff narrow the Learners list: words in the name or e-mail, a micro-credential, a state, a payment state, enrolled between two days. */
    public record Filter(@Nullable String search, @Nullable UUID achievementId, Enrollment.@Nullable State state,
            Enrollment.@Nullable Payment payment, @Nullable LocalDate enrolledFrom, @Nullable LocalDate enrolledTo, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, Sort.NEWEST);
        }
    }

    /** The Learners list's orders; each ends with the id, so paging gives every enrollment exactly once. */
    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("enrolled_at"), ListOrder.uuid("id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("enrolled_at"), ListOrder.uuid("id"))),
        NAME(ListOrder.ascending("name", ListOrder.text("name_key"), ListOrder.uuid("id")));

        private final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    public static final int MAX_PAGE = Listings.MAX_LIMIT;

    /** The organization's enrollments that match, a page at a time by position, each with where it stands; for staff. */
    public ListPage<Progress.View> forOrganization(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        if (offset < 0) throw Problem.invalidField("offset", "The offset cannot be negative.");
        ListPage<Enrollment> page = listings.pageAt(source(org.id(), filter), filter.sort().order, offset, limit, Enrollments::row);
        return new ListPage<>(progress.ofAll(page.items()), page.total(), page.limit(), page.offset(), page.nextCursor());
    }

    /** The organization's enrollments that match, after the cursor of the previous page; for the API. */
    public ListPage<Enrollment> list(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return listings.page(source(org.id(), filter), filter.sort().order, limit, cursor, Enrollments::row);
    }

    /** The micro-credentials the organization's learners enrolled in, for the list's filter. */
    public List<UUID> enrolledAchievements(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        // Only a micro-credential with an earning design can be enrolled in: the designs are a few rows, the enrollments many.
        return db.sql("select distinct achievement_id from earning_designs where organization_id = ?").param(org.id()).query(UUID.class).list();
    }

    /**
     * Every enrollment that matches, in the list's order, handed to the consumer a thousand at a time so that an export
     * of a hundred thousand never holds them all in memory.
     */
    public void eachForOrganization(Actor actor, String slug, Filter filter, java.util.function.Consumer<Enrollment> consumer) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        listings.each(source(org.id(), filter), filter.sort().order, Enrollments::row, consumer);
    }

    /** Checks the filter (search length, dates) without reading anything, so an export refuses it before streaming. */
    public void check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        source(org.id(), filter);
    }

    private static Listings.Source source(UUID organizationId, Filter f) {
        ListWhere where = ListWhere.of("organization_id = ?", organizationId)
                .search(f.search(), "lower(name)", "email")
                .equal("achievement_id", f.achievementId())
                .equal("state", f.state() == null ? null : f.state().name().toLowerCase(Locale.ROOT))
                .equal("payment", f.payment() == null ? null : f.payment().id())
                .days("enrolled_at", f.enrolledFrom(), f.enrolledTo());
        return new Listings.Source("enrollments", "*", "enrollments", where).scopedBy("organization_id");
    }

    /** Staff record that a priced enrollment was paid; the learner can then start, and is awarded if already done. */
    @Transactional
    public Enrollment markPaid(Actor actor, String slug, UUID enrollmentId) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Enrollment e = find(enrollmentId).filter(x -> x.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The enrollment"));
        if (e.payment() != Enrollment.Payment.DUE) throw Problem.conflict("not-due", "This enrollment has no payment due.");
        db.sql("update enrollments set payment = 'paid', paid_at = ?, paid_marked_by = ? where id = ? and payment = 'due'")
                .params(Timestamp.from(clock.instant()), actor instanceof Actor.Person p ? p.userId() : null, e.id()).update();
        audit.record(actor, org.id(), "enrollment.marked-paid", "enrollment", e.id(), java.util.Map.of("learner", e.email(),
                "achievementId", e.achievementId(), "price", e.priceMinor() == null ? "" : e.priceMinor() + " " + e.currency()));
        events.publishEvent(new EnrollmentMarkedPaid(e.id(), org.id(), actor instanceof Actor.Person p ? p.userId() : null, clock.instant()));
        earnedAwards.checkAfterCommit(e.id());
        return require(e.id());
    }

    /**
     * Records a payment confirmed by the payment provider: the learner can start. Answers false, changing nothing,
     * when the enrollment was withdrawn or has no payment due (already paid, free), so a payment never starts it twice.
     */
    @Transactional
    public boolean confirmPayment(UUID enrollmentId) {
        int changed = db.sql("update enrollments set payment = 'paid', paid_at = ? where id = ? and payment = 'due' and state = 'active'")
                .params(Timestamp.from(clock.instant()), enrollmentId).update();
        if (changed == 1) earnedAwards.checkAfterCommit(enrollmentId);
        return changed == 1;
    }

    /**
     * A refunded enrollment is withdrawn and owes its price again, so enrolling again asks for a new payment. An
     * awarded enrollment keeps its award (revoking is a separate decision) but owes nothing more.
     */
    @Transactional
    public void paymentRefunded(UUID enrollmentId) {
        db.sql("update enrollments set state = case when state = 'active' then 'withdrawn' else state end, payment = 'due', paid_at = null"
                + " where id = ? and payment = 'paid'").param(enrollmentId).update();
    }

    public Optional<Enrollment> find(UUID id) {
        return db.sql("select * from enrollments where id = ?").param(id).query(Enrollments::row).optional();
    }

    Enrollment require(UUID id) {
        return find(id).orElseThrow(() -> Problem.notFound("The enrollment"));
    }

    Optional<Enrollment> find(UUID achievementId, String email) {
        return db.sql("select * from enrollments where achievement_id = ? and email = ?")
                .params(achievementId, email.toLowerCase(Locale.ROOT)).query(Enrollments::row).optional();
    }

    static Enrollment row(ResultSet rs, int n) throws SQLException {
        return new Enrollment(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("achievement_id", UUID.class), rs.getInt("design_version"), rs.getString("email"),
                rs.getObject("user_id", UUID.class), rs.getString("name"),
                Enrollment.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                Enrollment.Payment.valueOf(rs.getString("payment").toUpperCase(Locale.ROOT)),
                (Long) rs.getObject("price_minor", Long.class), rs.getString("currency"), instant(rs, "enrolled_at"),
                instant(rs, "deadline_at"), rs.getObject("award_id", UUID.class), instant(rs, "awarded_at"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
