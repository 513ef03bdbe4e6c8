-- E-mail is delivered by one recurring job that reads the outbox, instead of one job per message; a failed delivery
-- waits before the next attempt, longer each time.
alter table outbound_emails add column next_attempt_at timestamp with time zone;
create index outbound_emails_pending_idx on outbound_emails (sent_at, next_attempt_at);
