package io.guildmark.app.talent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contact through the platform. An employer writes to a person who is findable by it (one thread per employer and
 * person); the person is told by e-mail (without the message: it is read here) and may reply, share their e-mail
 * address with that employer, or decline, after which the employer can no longer write. Only the employer's staff
 * who may find talent and the person read a thread; the association has no access.
 */
@Service
public class TalentMessages {

    public static final int MAX_BODY = 2000;
    /** An employer may send a person at most this many messages a day, so a thread cannot become a flood. */
    public static final int MAX_PER_DAY = 3;
    /** A conversation holds at most this many messages, so the page always shows all of it. */
    public static final int MAX_PER_THREAD = 500;

    public enum State { OPEN, DECLINED }

    /** A thread as one side sees it; {@code personEmail} is there only once the person shared it. */
    public record Thread(UUID id, String employerSlug, String employerName, String personName, @Nullable String personEmail,
            State state, boolean emailShared, Instant startedAt, Instant lastMessageAt) {

        public boolean open() {
            return state == State.OPEN;
        }
    }

    public record Message(UUID id, boolean fromEmployer, String body, Instant sentAt) {}

    /** A thread with its messages, oldest first. */
    public record Conversation(Thread thread, List<Message> messages) {}

    private static final String SELECT = """
            t.id, e.slug as employer_slug, e.name as employer_name, u.name as person_name, u.email as person_email, t.state,
            t.email_shared, t.started_at, t.last_message_at""";
    private static final String FROM = "talent_threads t join organizations e on e.id = t.employer_id join users u on u.id = t.user_id";
    /**
     * What an employer may still read: a conversation the person took part in (replied or shared their address), or one
     * with a person who is still findable by it. A person who withdrew without answering, or whose association ended the
     * partnership, is gone from the employer's side as from its searches.
     */
    private static final String EMPLOYER_MAY_READ = """
            (t.email_shared = true or exists (select 1 from talent_messages pm where pm.thread_id = t.id and pm.from_employer = false)
             or exists (select 1 from talent_profiles tp join employer_partnerships ep on ep.association_id = tp.association_id
               and ep.employer_id = t.employer_id and ep.state = 'active' where tp.id = t.profile_id and tp.findable = true))""";
    private static final ListOrder LATEST = ListOrder.descending("latest", ListOrder.instant("t.last_message_at"), ListOrder.uuid("t.id"));

    private final JdbcClient db;
    private final Organizations organizations;
    private final Partnerships partnerships;
    private final Listings listings;
    private final TalentLog log;
    private final Mailer mailer;
    private final Accounts accounts;
    private final GuildmarkSettings settings;
    private final Clock clock;

    TalentMessages(JdbcClient db, Organizations organizations, Partnerships partnerships, Listings listings, TalentLog log, Mailer mailer,
            Accounts accounts, GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.partnerships = partnerships;
        this.listings = listings;
        this.log = log;
        this.mailer = mailer;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    // ---- the employer's side

    /** The employer writes to a person found in a search ({@code candidateId} is the id a search answered). */
    @Transactional
    public Conversation write(Actor actor, String employerSlug, UUID candidateId, @Nullable String text) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        Candidate candidate = db.sql("select user_id, association_id, findable from talent_profiles where id = ?").param(candidateId)
                .query((rs, n) -> new Candidate(rs.getObject("user_id", UUID.class), rs.getObject("association_id", UUID.class),
                        rs.getBoolean("findable"))).optional()
                // Someone who withdrew, or whose association this employer is not an active partner of, is nobody here.
                .filter(c -> c.findable() && partnerships.activePartners(c.associationId(), employer.id()))
                .orElseThrow(() -> Problem.notFound("The person"));
        String body = body(text);
        Instant now = clock.instant();
        UUID threadId = db.sql("select id from talent_threads where employer_id = ? and user_id = ?").params(employer.id(), candidate.userId())
                .query(UUID.class).optional().orElse(null);
        if (threadId == null) {
            threadId = UUID.randomUUID();
            db.sql("""
                    insert into talent_threads (id, employer_id, user_id, profile_id, state, email_shared, started_at, last_message_at)
                    values (?, ?, ?, ?, 'open', false, ?, ?)""")
                    .params(threadId, employer.id(), candidate.userId(), candidateId, Timestamp.from(now), Timestamp.from(now)).update();
        } else {
            Thread thread = thread(threadId);
            if (!thread.open()) {
                throw Problem.conflict("declined", thread.personName() + " declined contact from " + employer.name() + "; you can no longer write to them.");
            }
            long recent = db.sql("select count(*) from talent_messages where thread_id = ? and from_employer = true and sent_at > ?")
                    .params(threadId, Timestamp.from(now.minus(Duration.ofDays(1)))).query(Long.class).single();
            if (recent >= MAX_PER_DAY) {
                throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "too-many-messages", "You have written to this person " + MAX_PER_DAY
                        + " times in the last day; wait for their answer.", List.of());
            }
        }
        add(threadId, true, actor instanceof Actor.Person p ? p.userId() : null, body, now);
        log.record(candidate.userId(), employer, TalentLog.Kind.CONTACT, null, now);
        UUID id = threadId;
        accounts.find(candidate.userId()).ifPresent(user -> mailer.send(EmailAddress.of(user.email()),
                employer.name() + " wrote to you on Guildmark",
                "Hello " + user.name() + ",\n\n" + employer.name() + ", an employer partner of your association, found your profile"
                        + " and wrote to you on Guildmark. Read the message, reply, share your e-mail address or decline:\n"
                        + settings.url("/account/talent/messages/" + id) + "\n\nYou chose to be findable; you can withdraw at any time: "
                        + settings.url("/account/talent") + "\n"));
        return employerConversation(actor, employerSlug, threadId);
    }

    private record Candidate(UUID userId, UUID associationId, boolean findable) {}

    /** The employer writes again in a thread: the same checks as the first message (still findable, still a partner). */
    @Transactional
    public Conversation writeAgain(Actor actor, String employerSlug, UUID threadId, @Nullable String text) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        UUID profileId = db.sql("select profile_id from talent_threads t where t.id = ? and t.employer_id = ? and " + EMPLOYER_MAY_READ)
                .params(threadId, employer.id())
                .query(UUID.class).optional().orElseThrow(() -> Problem.notFound("The conversation"));
        return write(actor, employerSlug, profileId, text);
    }

    /** The employer's threads, latest activity first. */
    public ListPage<Thread> employerThreads(Actor actor, String employerSlug, int offset, int limit) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        return listings.pageAt(employerSource(employer), LATEST, Math.max(0, offset), Listings.limit(limit), TalentMessages::thread);
    }

    public ListPage<Thread> employerThreads(Actor actor, String employerSlug, @Nullable Integer limit, @Nullable String cursor) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        return listings.page(employerSource(employer), LATEST, Listings.limit(limit), cursor, TalentMessages::thread);
    }

    /** One of the employer's threads; another employer's is not found. */
    public Conversation employerConversation(Actor actor, String employerSlug, UUID threadId) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        Long owned = db.sql("select count(*) from talent_threads t where t.id = ? and t.employer_id = ? and " + EMPLOYER_MAY_READ)
                .params(threadId, employer.id())
                .query(Long.class).single();
        if (owned == 0) throw Problem.notFound("The conversation");
        return conversation(threadId);
    }

    private Listings.Source employerSource(Organization employer) {
        return new Listings.Source("talent-threads", SELECT, FROM, ListWhere.of("t.employer_id = ?", employer.id()).and(EMPLOYER_MAY_READ)).scopedBy("t.employer_id");
    }

    // ---- the person's side

    public ListPage<Thread> personThreads(Actor.Person person, int offset, int limit) {
        return listings.pageAt(new Listings.Source("my-talent-threads", SELECT, FROM, ListWhere.of("t.user_id = ?", person.userId()))
                .scopedBy("t.user_id"), LATEST, Math.max(0, offset), Listings.limit(limit), TalentMessages::thread);
    }

    public Conversation personConversation(Actor.Person person, UUID threadId) {
        requireMine(person, threadId);
        return conversation(threadId);
    }

    @Transactional
    public Conversation reply(Actor.Person person, UUID threadId, @Nullable String text) {
        Thread thread = requireMine(person, threadId);
        if (!thread.open()) throw Problem.conflict("declined", "You declined this conversation.");
        add(threadId, false, person.userId(), body(text), clock.instant());
        tellEmployer(threadId, thread, thread.personName() + " replied to you on Guildmark");
        return conversation(threadId);
    }

    /** The person shows their e-mail address to this employer (and only this one). */
    @Transactional
    public Conversation shareEmail(Actor.Person person, UUID threadId) {
        Thread thread = requireMine(person, threadId);
        if (!thread.open()) throw Problem.conflict("declined", "You declined this conversation.");
        db.sql("update talent_threads set email_shared = true where id = ?").param(threadId).update();
        tellEmployer(threadId, thread, thread.personName() + " shared their e-mail address with you on Guildmark");
        return conversation(threadId);
    }

    /** The person declines: the employer can no longer write to them, and no longer sees a shared address. */
    @Transactional
    public Conversation decline(Actor.Person person, UUID threadId) {
        requireMine(person, threadId);
        db.sql("update talent_threads set state = 'declined', email_shared = false where id = ?").param(threadId).update();
        return conversation(threadId);
    }

    private Thread requireMine(Actor.Person person, UUID threadId) {
        Long mine = db.sql("select count(*) from talent_threads where id = ? and user_id = ?").params(threadId, person.userId())
                .query(Long.class).single();
        if (mine == 0) throw Problem.notFound("The conversation");
        return thread(threadId);
    }

    // ---- both

    private void add(UUID threadId, boolean fromEmployer, @Nullable UUID authorId, String body, Instant now) {
        long held = db.sql("select count(*) from talent_messages where thread_id = ?").param(threadId).query(Long.class).single();
        if (held >= MAX_PER_THREAD) {
            throw new Problem(Problem.Kind.CONFLICT, "conversation-full", "This conversation has reached " + MAX_PER_THREAD
                    + " messages; nothing more can be added to it.", java.util.List.of());
        }
        db.sql("insert into talent_messages (id, thread_id, from_employer, author_id, body, sent_at) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), threadId, fromEmployer, authorId, body, Timestamp.from(now)).update();
        db.sql("update talent_threads set last_message_at = ? where id = ?").params(Timestamp.from(now), threadId).update();
    }

    /** Tells whoever last wrote for the employer that the person answered (the message is read on the platform). */
    private void tellEmployer(UUID threadId, Thread thread, String subject) {
        db.sql("""
                select u.email from talent_messages m join users u on u.id = m.author_id
                where m.thread_id = ? and m.from_employer = true order by m.sent_at desc limit 1""")
                .param(threadId).query(String.class).optional()
                .ifPresent(email -> mailer.send(EmailAddress.of(email), subject, subject + ". Read it on Guildmark: "
                        + settings.url("/organizations/" + thread.employerSlug() + "/talent/messages/" + threadId) + "\n"));
    }

    private Conversation conversation(UUID threadId) {
        List<Message> messages = db.sql("""
                select id, from_employer, body, sent_at from talent_messages where thread_id = ? order by sent_at, id""" + " limit " + MAX_PER_THREAD)
                .param(threadId).query((rs, n) -> new Message(rs.getObject("id", UUID.class), rs.getBoolean("from_employer"),
                        rs.getString("body"), rs.getTimestamp("sent_at").toInstant())).list();
        return new Conversation(thread(threadId), messages);
    }

    private Thread thread(UUID id) {
        return db.sql("select " + SELECT + " from " + FROM + " where t.id = ?").param(id).query(TalentMessages::thread).single();
    }

    private static String body(@Nullable String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) throw Problem.invalidField("body", "Write a message.");
        if (body.length() > MAX_BODY) throw Problem.invalidField("body", "Keep the message to " + MAX_BODY + " characters.");
        return body;
    }

    private static Thread thread(ResultSet rs, int n) throws SQLException {
        boolean shared = rs.getBoolean("email_shared");
        return new Thread(rs.getObject("id", UUID.class), rs.getString("employer_slug"), rs.getString("employer_name"),
                rs.getString("person_name"), shared ? rs.getString("person_email") : null,
                State.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)), shared,
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("last_message_at").toInstant());
    }
}
