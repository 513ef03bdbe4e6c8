package io.guildmark.app.credits;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each reminder once and only once. The log row and the e-mail are written in one short transaction of their
 * own; the log's unique key (kind, address, subject, milestone) makes a second attempt fail and roll back its e-mail
 * with it, whether it comes from tomorrow's run or from a run on another node at the same moment.
 */
@Component
public class ReminderLog {

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReminderLog(JdbcClient db, TransactionTemplate transactions, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs {@code send} (which writes the e-mail) unless this reminder was already sent; answers whether it sent now.
     *
     * @param kind such as {@code renewal-deadline} or {@code credential-expiry}
     * @param subjectKey what the reminder is about: a rule's cycle, an award
     * @param milestoneDays the reminder's step, such as 90 or 30 days before
     */
    public boolean sendOnce(String kind, String email, String subjectKey, int milestoneDays, Runnable send) {
        try {
            return Boolean.TRUE.equals(transactions.execute(tx -> {
                db.sql("insert into credit_reminders (id, kind, email, subject_key, milestone_days, sent_at) values (?, ?, ?, ?, ?, ?)")
                        .params(UUID.randomUUID(), kind, email.toLowerCase(Locale.ROOT), subjectKey, milestoneDays, Timestamp.from(clock.instant()))
                        .update();
                send.run();
                return true;
            }));
        } catch (DataIntegrityViolationException alreadySent) {
            return false;
        } catch (ConcurrencyFailureException sendingElsewhere) {
            // Another run holds the same key right now (some databases report a lock, not a duplicate): it sends, or
            // if it rolls back, the next daily run does.
            return false;
        }
    }
}
