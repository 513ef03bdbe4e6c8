package io.guildmark.app.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.HeldCredentials;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Badges a person picks to show together under one link. Whoever opens the link sees every badge checked live (proof,
 * issuer key, dates, revocation) and one answer for all of them, and gets the set as a {@code VerifiablePresentation}
 * that any verifier checks again on its own.
 *
 * <p>The holder binding is what makes a set worth more than its links: only badges the person accepted, each sent to an
 * address their account has verified (or to a DID they proved), can go in, and the page says so. The platform does
 * not hold people's keys, so it signs nothing in their name; the presentation names the person's proven DID as its
 * holder, and the person's own wallet may sign it ({@link HolderSignedPresentations}), which the link then serves.
 */
@Service
public class SharedPresentations {

    /** A set is for showing a few badges, not a dump of a backpack. */
    static final int MAX_BADGES = 50;
    static final int MAX_TITLE = 120;
    /** Links a person may keep open at once; withdrawn ones do not count. */
    static final int MAX_OPEN = 100;

    /** A presentation as its owner lists it. */
    public record Presentation(UUID id, UUID userId, String token, String title, Instant createdAt, @Nullable Instant withdrawnAt,
            List<UUID> awardIds) {
        public boolean withdrawn() {
            return withdrawnAt != null;
        }
    }

    /** One badge on the public page, with its live check. */
    public record CheckedBadge(Award award, String issuerName, String verdict, VerificationReport report) {
        public boolean verified() {
            return "verified".equals(verdict);
        }
    }

    /** What a visitor sees: the set, each badge checked, and the one answer. */
    public record View(Presentation presentation, String holderName, List<CheckedBadge> badges, @Nullable String holderDid) {
        public long verifiedCount() {
            return badges.stream().filter(CheckedBadge::verified).count();
        }

        public boolean allVerified() {
            return !badges.isEmpty() && verifiedCount() == badges.size();
        }
    }

    private final JdbcClient db;
    private final Awards awards;
    private final HeldCredentials held;
    private final AccountDids dids;
    private final GuildmarkSettings settings;
    private final Clock clock;
    private final io.guildmark.app.organizations.Organizations organizations;

    SharedPresentations(JdbcClient db, Awards awards, HeldCredentials held, AccountDids dids, GuildmarkSettings settings, Clock clock,
            io.guildmark.app.organizations.Organizations organizations) {
        this.organizations = organizations;
        this.db = db;
        this.awards = awards;
        this.held = held;
        this.dids = dids;
        this.settings = settings;
        this.clock = clock;
    }

    /** The badges a person may put in a presentation: accepted by them and not revoked. */
    public List<Award> presentable(Actor.Person person) {
        return awards.held(person).stream().filter(a -> a.accepted() && person.userId().equals(a.recipientUserId()))
                .filter(a -> !a.revoked()).toList();
    }

    @Transactional
    public Presentation create(Actor.Person person, @Nullable String title, List<UUID> chosen) {
        String name = title == null ? "" : title.strip();
        if (name.isEmpty()) name = "My badges";
        if (name.length() > MAX_TITLE) throw Problem.invalidField("title", "The title can be at most " + MAX_TITLE + " characters.");
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(chosen));
        if (ids.isEmpty()) throw Problem.invalidField("awardIds", "Pick at least one badge to share.");
        if (ids.size() > MAX_BADGES) throw Problem.invalidField("awardIds", "A presentation holds at most " + MAX_BADGES + " badges.");
        Map<UUID, Award> mine = presentable(person).stream().collect(Collectors.toMap(Award::id, Function.identity()));
        for (UUID id : ids) {
            if (!mine.containsKey(id)) {
                throw Problem.invalidField("awardIds", "Only badges you accepted and that are not revoked can be shared; one of those picked is not.");
            }
        }
        Integer open = db.sql("select count(*) from shared_presentations where user_id = ? and withdrawn_at is null")
                .param(person.userId()).query(Integer.class).single();
        if (open >= MAX_OPEN) {
            throw Problem.conflict("too-many-presentations", "You have " + MAX_OPEN + " open links; withdraw one you no longer need first.");
        }
        UUID id = UUID.randomUUID();
        String token = SecretTokens.newToken();
        Instant now = clock.instant();
        db.sql("insert into shared_presentations (id, user_id, token, title, created_at) values (?, ?, ?, ?, ?)")
                .params(id, person.userId(), token, name, Timestamp.from(now)).update();
        for (int i = 0; i < ids.size(); i++) {
            db.sql("insert into shared_presentation_badges (presentation_id, award_id, position) values (?, ?, ?)").params(id, ids.get(i), i).update();
        }
        return new Presentation(id, person.userId(), token, name, now, null, ids);
    }

    /** The person's presentations, newest first. */
    public List<Presentation> mine(Actor.Person person) {
        List<Presentation> list = db.sql("select * from shared_presentations where user_id = ? order by created_at desc")
                .param(person.userId()).query(SharedPresentations::presentation).list();
        return list.stream().map(this::withBadges).toList();
    }

    /** The person's own open presentation, for them to sign; another's, a withdrawn or an unknown one is "not found". */
    public Presentation openOf(Actor.Person person, UUID id) {
        return mine(person).stream().filter(p -> p.id().equals(id) && !p.withdrawn()).findFirst()
                .orElseThrow(() -> Problem.notFound("The presentation"));
    }

    /** Withdrawing closes the link at once; the badges themselves are untouched. */
    @Transactional
    public void withdraw(Actor.Person person, UUID id) {
        int changed = db.sql("update shared_presentations set withdrawn_at = ? where id = ? and user_id = ? and withdrawn_at is null")
                .params(Timestamp.from(clock.instant()), id, person.userId()).update();
        if (changed == 0) {
            boolean exists = db.sql("select count(*) from shared_presentations where id = ? and user_id = ?").params(id, person.userId())
                    .query(Integer.class).single() > 0;
            if (!exists) throw Problem.notFound("The presentation");
        }
    }

    /** The open presentation behind a link, or empty for an unknown or withdrawn one (both look the same from outside). */
    public Optional<Presentation> open(String token) {
        if (token.length() > 64) return Optional.empty();
        return db.sql("select * from shared_presentations where token = ? and withdrawn_at is null").param(token)
                .query(SharedPresentations::presentation).optional().map(this::withBadges);
    }

    /**
     * Every badge of the presentation checked live. A badge the person no longer holds (declined later, or the
     * account lost the address) is left out rather than shown as theirs.
     */
    public View view(Presentation presentation) {
        List<CheckedBadge> badges = new ArrayList<>();
        String holderName = "";
        for (UUID awardId : presentation.awardIds()) {
            Award award = awards.find(awardId).orElse(null);
            if (award == null || !presentation.userId().equals(award.recipientUserId()) || !award.accepted()) continue;
            VerificationReport report = held.check(award);
            String issuer = organizations.findById(award.organizationId()).map(io.guildmark.app.organizations.Organization::name).orElse("");
            badges.add(new CheckedBadge(award, issuer, HeldCredentials.verdict(report), report));
            if (holderName.isEmpty()) holderName = award.recipientName();
        }
        List<String> proven = dids.provenDids(presentation.userId());
        return new View(presentation, holderName, badges, proven.isEmpty() ? null : proven.get(0));
    }

    /** The address of the public page. */
    public String url(Presentation presentation) {
        return settings.url("/presentations/" + presentation.token());
    }

    /**
     * The set as a W3C {@code VerifiablePresentation} (VC Data Model 2.0) holding each signed credential as issued; its
     * holder is the person's proven DID when they have one. Unsigned: this is what the person's wallet signs (see
     * {@link HolderSignedPresentations}); a verifier that needs a holder proof of its own asks their wallet with its own
     * challenge.
     */
    public JsonObject verifiablePresentation(View view) {
        JsonArrayBuilder credentials = Json.createArrayBuilder();
        for (CheckedBadge badge : view.badges()) {
            try (JsonReader reader = Json.createReader(new java.io.StringReader(held.signedCredential(badge.award().id())))) {
                credentials.add(reader.readObject());
            }
        }
        var vp = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("id", url(view.presentation()))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation"));
        if (view.holderDid() != null) vp.add("holder", view.holderDid());
        return vp.add("verifiableCredential", credentials).build();
    }

    private Presentation withBadges(Presentation p) {
        List<UUID> ids = db.sql("select award_id from shared_presentation_badges where presentation_id = ? order by position")
                .param(p.id()).query(UUID.class).list();
        return new Presentation(p.id(), p.userId(), p.token(), p.title(), p.createdAt(), p.withdrawnAt(), ids);
    }

    private static Presentation presentation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new Presentation(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("token"), rs.getString("title"),
                rs.getTimestamp("created_at").toInstant(), withdrawn == null ? null : withdrawn.toInstant(), List.of());
    }
}
