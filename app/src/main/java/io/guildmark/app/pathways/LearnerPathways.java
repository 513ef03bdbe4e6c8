package io.guildmark.app.pathways;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Learners on pathways: starting one, staying on the version started (or moving to the newest), where they stand,
 * sharing that publicly, and the automatic completion.
 *
 * <p>Completion is checked whenever a credential is issued, in the background once the issuing transaction has committed
 * ({@link PathwayChecks}, durable: a row written with the award), in a transaction of its own per pathway: the component award never waits for (or is undone by) the certificate, and the
 * learner's row is claimed with a conditional update first, so two awards landing at once complete it once.
 */
@Service
public class LearnerPathways {

    private static final Logger log = LoggerFactory.getLogger(LearnerPathways.class);

    /** A pathway and where the signed-in learner stands on it, for "My pathways". */
    public record Mine(Learner learner, Standing standing, boolean newerVersion) {}

    /** A learner's progress as they chose to share it: name, pathway and the steps earned. */
    public record Shared(String learnerName, Standing standing) {}

    private final JdbcClient db;
    private final Pathways pathways;
    private final Standings standings;
    private final PathwayPrices prices;
    private final PathwayCompletions completions;
    private final Organizations organizations;
    private final Awards awards;
    private final Accounts accounts;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    LearnerPathways(JdbcClient db, Pathways pathways, Standings standings, PathwayPrices prices, PathwayCompletions completions, Organizations organizations,
            Awards awards, Accounts accounts, Clock clock, PlatformTransactionManager transactions) {
        this.db = db;
        this.pathways = pathways;
        this.standings = standings;
        this.prices = prices;
        this.completions = completions;
        this.organizations = organizations;
        this.awards = awards;
        this.accounts = accounts;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // ---- Where a learner stands -------------------------------------------------------------------------------------

    /**
     * The person's standing on a published pathway: on the version they are on, else on the newest. Anyone may look at
     * a published pathway; {@code person} is empty for visitors, who see every step as available.
     */
    public Standing standing(UUID pathwayId, Optional<Actor.Person> person) {
        PathwayVersion latest = pathways.latestVersion(pathwayId).orElseThrow(() -> Problem.notFound("The pathway"));
        Optional<Learner> learner = person.flatMap(p -> learner(pathwayId, p.email()));
        if (latest.current() != Pathway.Status.PUBLISHED && learner.isEmpty()) throw Problem.notFound("The pathway");
        PathwayVersion version = learner.flatMap(l -> pathways.version(pathwayId, l.version())).orElse(latest);
        // A visitor's standing is computed for no one: an address that holds nothing.
        String email = person.map(Actor.Person::email).orElse("");
        return standings.of(version, email, learner.orElse(null));
    }

    /** The pathways the person is on, most recently started first. */
    public List<Mine> mine(Actor.Person person) {
        List<Mine> mine = new ArrayList<>();
        for (Learner l : db.sql("select * from pathway_learners where email = ? or user_id = ? order by started_at desc")
                .params(person.email(), person.userId()).query(LearnerPathways::learnerRow).list()) {
            Optional<PathwayVersion> version = pathways.version(l.pathwayId(), l.version());
            if (version.isEmpty()) continue;
            boolean newer = pathways.published(l.pathwayId()).map(v -> v.version() > l.version()).orElse(false);
            mine.add(new Mine(l, standings.of(version.get(), l.email(), l), newer && l.active()));
        }
        return mine;
    }

    /**
     * For staff and integrations: every pathway of the organization the address is on or holds a step of, with its
     * standing (on the version they are on).
     */
    public List<Standing> progress(Actor actor, String slug, String email) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        String address = EmailAddress.of(email).value();
        List<Standing> result = new ArrayList<>();
        for (PathwayVersion latest : pathways.latestVersionsOf(org.id())) {
            Optional<Learner> learner = learner(latest.pathwayId(), address);
            PathwayVersion version = learner.flatMap(l -> pathways.version(l.pathwayId(), l.version())).orElse(latest);
            Standing standing = standings.of(version, address, learner.orElse(null));
            if (learner.isPresent() || standing.holdsAny()) result.add(standing);
        }
        return result;
    }

    public Optional<Learner> learner(UUID pathwayId, String email) {
        return db.sql("select * from pathway_learners where pathway_id = ? and email = ?")
                .params(pathwayId, email.toLowerCase(Locale.ROOT)).query(LearnerPathways::learnerRow).optional();
    }

    // ---- Learner's changes ------------------------------------------------------------------------------------------

    /**
     * Puts the person on the newest version of a published pathway; starting again answers their place. A priced
     * pathway is started by paying for it ({@code /payments/checkout/pathway/{id}}), not here.
     */
    @Transactional
    public Learner start(Actor.Person person, UUID pathwayId) {
        PathwayVersion version = pathways.published(pathwayId).orElseThrow(() -> Problem.notFound("The pathway"));
        Optional<Learner> existing = learner(pathwayId, person.email());
        boolean priced = prices.of(pathwayId).priced();
        if (existing.isPresent() && (!priced || existing.get().paid() || !existing.get().active())) return existing.get();
        if (priced) {
            throw Problem.conflict("payment-required", "\"" + version.name() + "\" is priced: pay for your place first ("
                    + "/payments/checkout/pathway/" + pathwayId + ").");
        }
        insert(version, person.email(), person.userId(), "choice");
        checkAfterCommit(pathwayId, person.email());
        return learner(pathwayId, person.email()).orElseThrow();
    }

    /**
     * Payment for a place on the pathway was confirmed: the buyer is put on it (on the newest published version), or
     * the place they hold from earning a step is now paid, and the capstone is checked. Answers false, changing
     * nothing, when their place was already paid (the payment is then refunded by payments) or the pathway is gone.
     */
    @Transactional
    public boolean startPaid(UUID pathwayId, String email, @Nullable UUID userId) {
        String address = email.toLowerCase(Locale.ROOT);
        Optional<Learner> existing = learner(pathwayId, address);
        if (existing.isPresent()) {
            if (existing.get().paid()) return false;
            db.sql("update pathway_learners set paid = true where id = ? and paid = false").param(existing.get().id()).update();
        } else {
            PathwayVersion version = pathways.published(pathwayId).or(() -> pathways.latestVersion(pathwayId)).orElse(null);
            if (version == null) return false;
            insert(version, address, userId, "choice");
            db.sql("update pathway_learners set paid = true where pathway_id = ? and email = ?").params(pathwayId, address).update();
        }
        checkAfterCommit(pathwayId, address);
        return true;
    }

    /**
     * The payment for the place was refunded: a learner still on the way leaves the pathway (their credentials stay
     * theirs; earning a step puts them back on it, unpaid); one who completed it keeps the completion.
     */
    @Transactional
    public void paymentRefunded(UUID pathwayId, String email) {
        String address = email.toLowerCase(Locale.ROOT);
        db.sql("delete from pathway_learners where pathway_id = ? and email = ? and state = 'active'").params(pathwayId, address).update();
        db.sql("update pathway_learners set paid = false where pathway_id = ? and email = ?").params(pathwayId, address).update();
    }

    /** Moves the person to the newest version; what they earned counts there as it did before. */
    @Transactional
    public Learner moveToNewest(Actor.Person person, UUID pathwayId) {
        Learner learner = learner(pathwayId, person.email()).orElseThrow(() -> Problem.notFound("Your place on this pathway"));
        PathwayVersion newest = pathways.published(pathwayId)
                .orElseThrow(() -> Problem.conflict("retired", "This pathway is retired: there is no newer version to move to."));
        if (!learner.active()) throw Problem.conflict("completed", "You completed this pathway already.");
        if (newest.version() <= learner.version()) throw Problem.conflict("newest", "You are on the newest version already.");
        db.sql("update pathway_learners set version = ? where id = ? and state = 'active'").params(newest.version(), learner.id()).update();
        checkAfterCommit(pathwayId, person.email());
        return learner(pathwayId, person.email()).orElseThrow();
    }

    /** Creates (or answers) the secret link of the person's public progress statement. */
    @Transactional
    public String share(Actor.Person person, UUID pathwayId) {
        Learner learner = learner(pathwayId, person.email()).orElseThrow(() -> Problem.notFound("Your place on this pathway"));
        if (learner.shareToken() != null) return learner.shareToken();
        String token = SecretTokens.newToken();
        db.sql("update pathway_learners set share_token = ? where id = ?").params(token, learner.id()).update();
        return token;
    }

    /** Revokes the public link: it answers "not found" from now on. */
    @Transactional
    public void stopSharing(Actor.Person person, UUID pathwayId) {
        Learner learner = learner(pathwayId, person.email()).orElseThrow(() -> Problem.notFound("Your place on this pathway"));
        db.sql("update pathway_learners set share_token = null where id = ?").param(learner.id()).update();
    }

    /** The progress statement behind a shared link. */
    public Optional<Shared> shared(String token) {
        if (token == null || token.length() > 64) return Optional.empty();
        return db.sql("select * from pathway_learners where share_token = ?").param(token).query(LearnerPathways::learnerRow).optional()
                .flatMap(l -> pathways.version(l.pathwayId(), l.version()).map(v -> new Shared(
                        accounts.findByEmail(l.email()).map(User::name).orElse("A learner"), standings.of(v, l.email(), l))));
    }

    // ---- Automatic completion ---------------------------------------------------------------------------------------

    /** Learners who already qualify when a version is published are checked, each on their own. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(Pathways.PathwayPublished published) {
        PathwayVersion version = pathways.version(published.pathwayId(), published.version()).orElse(null);
        if (version == null) return;
        awards.validAwardsOf(published.organizationId(), version.steps()).stream().map(Award::recipientEmail).distinct()
                .forEach(email -> check(published.pathwayId(), email));
    }

    /**
     * Checks the organization's pathways the new award can matter to: those it is a step of (newcomers join the newest
     * version), and those the address is on and has not finished (whatever version they are on).
     */
    void evaluate(UUID organizationId, String email, UUID achievementId) {
        concerned(pathways.latestVersionsOf(organizationId), email, achievementId).forEach(pathwayId -> check(pathwayId, email));
    }

    /**
     * {@link #evaluate} against the organization's pathways as the caller read them, letting a failure through so the
     * caller ({@link PathwayChecks}, after an award) keeps the check and runs it again.
     */
    void evaluateStrictly(List<PathwayVersion> latestVersions, String email, UUID achievementId) {
        concerned(latestVersions, email, achievementId).forEach(pathwayId -> checkStrictly(pathwayId, email));
    }

    /** The pathways an award can matter to (see {@link #evaluate}), looked at one by one as the stream is consumed. */
    private java.util.stream.Stream<UUID> concerned(List<PathwayVersion> latestVersions, String email, UUID achievementId) {
        return latestVersions.stream()
                .filter(latest -> latest.steps().contains(achievementId) || learner(latest.pathwayId(), email).filter(Learner::active).isPresent())
                .map(PathwayVersion::pathwayId);
    }

    /** {@link #evaluate} once the caller's transaction has committed (at once without one): for imports and mappings. */
    void evaluateAfterCommit(UUID organizationId, String email, UUID achievementId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evaluate(organizationId, email, achievementId);
                }
            });
        } else {
            evaluate(organizationId, email, achievementId);
        }
    }

    private void checkAfterCommit(UUID pathwayId, String email) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    check(pathwayId, email);
                }
            });
        } else {
            check(pathwayId, email);
        }
    }

    /**
     * Puts the address on the pathway if it holds a step and is not on it yet, and completes it if the rules are now
     * satisfied. Never throws: a failure is logged and the learner stays active, to be checked on their next award.
     */
    Optional<PathwayCompleted> check(UUID pathwayId, String email) {
        try {
            return checkStrictly(pathwayId, email);
        } catch (RuntimeException e) {
            log.error("Could not check pathway {} for a learner; they stay on it and are checked again on their next award", pathwayId, e);
            return Optional.empty();
        }
    }

    /** {@link #check}, letting a failure other than a lost race through. */
    Optional<PathwayCompleted> checkStrictly(UUID pathwayId, String email) {
        try {
            return Optional.ofNullable(ownTransaction.execute(tx -> completeIfDue(pathwayId, email)));
        } catch (DataIntegrityViolationException raced) {
            // Another check put the learner on the pathway at the same moment; look again (it is on it now).
            return Optional.ofNullable(ownTransaction.execute(tx -> completeIfDue(pathwayId, email)));
        }
    }

    private @Nullable PathwayCompleted completeIfDue(UUID pathwayId, String email) {
        Learner learner = learner(pathwayId, email).orElse(null);
        if (learner == null) {
            PathwayVersion latest = pathways.published(pathwayId).orElse(null);
            if (latest == null) return null;
            if (!standings.of(latest, email, null).holdsAny()) return null;
            insert(latest, email, accounts.findByEmail(email).map(User::id).orElse(null), "holding");
            learner = learner(pathwayId, email).orElseThrow();
        }
        if (!learner.active()) return null;
        // The capstone of a priced pathway waits for a paid place.
        if (!learner.paid() && prices.of(pathwayId).priced()) return null;
        PathwayVersion version = pathways.version(pathwayId, learner.version()).orElseThrow();
        Standing standing = standings.of(version, learner.email(), learner);
        if (!standing.satisfied()) return null;
        // Claims the row: a second check running at the same moment waits here, then finds it taken.
        int claimed = db.sql("update pathway_learners set state = 'completing' where id = ? and state = 'active'").param(learner.id()).update();
        if (claimed == 0) return null;
        return completions.complete(learner, standing);
    }

    private void insert(PathwayVersion version, String email, @Nullable UUID userId, String startedBy) {
        db.sql("""
                insert into pathway_learners (id, pathway_id, organization_id, version, email, user_id, started_at, started_by, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'active')""")
                .params(UUID.randomUUID(), version.pathwayId(), version.organizationId(), version.version(), email.toLowerCase(Locale.ROOT),
                        userId, Timestamp.from(clock.instant()), startedBy).update();
    }

    static Learner learnerRow(ResultSet rs, int n) throws SQLException {
        return new Learner(rs.getObject("id", UUID.class), rs.getObject("pathway_id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getInt("version"), rs.getString("email"), rs.getObject("user_id", UUID.class), rs.getTimestamp("started_at").toInstant(),
                rs.getString("started_by"), rs.getString("state"), PathwayCompletions.ts(rs.getTimestamp("completed_at")),
                rs.getObject("award_id", UUID.class), rs.getString("share_token"), rs.getBoolean("paid"));
    }

    /** Learners of a pathway, for staff statistics. */
    List<Learner> learnersOf(UUID pathwayId) {
        return db.sql("select * from pathway_learners where pathway_id = ?").param(pathwayId).query(LearnerPathways::learnerRow).list();
    }
}
