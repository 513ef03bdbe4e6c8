-- Safe retries on the API: one row per (caller, Idempotency-Key), kept 24 hours. The status is null while the first
-- request runs; afterwards the row holds its answer, replayed to retries with the same body.
create table idempotent_requests (
    key_hash varchar(64) primary key,
    request_hash varchar(64) not null,
    status int,
    content_type varchar(200),
    location varchar(2000),
    body text,
    created_at timestamp with time zone not null
);
create index idempotent_requests_created_idx on idempotent_requests (created_at);
