-- Outgoing e-mail, written in the same transaction as the change it announces and delivered by a background job.
create table outbound_emails (
    id uuid primary key,
    recipient varchar(254) not null,
    subject varchar(300) not null,
    body text not null,
    created_at timestamp with time zone not null,
    sent_at timestamp with time zone,
    attempts int not null default 0,
    last_error varchar(1000)
);
create index outbound_emails_created_idx on outbound_emails (created_at);
