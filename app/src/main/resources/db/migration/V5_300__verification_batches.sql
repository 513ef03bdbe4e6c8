-- A signed-in person's batch checks of many credentials at once (docs/batch-verification.md): one row per batch, one
-- row per badge checked, kept for the person who ran it only. Anonymous batches are never stored.
create table verification_batches (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    label varchar(300) not null,
    created_at timestamp with time zone not null,
    credentials int not null,
    verified int not null
);
create index verification_batches_user_idx on verification_batches (user_id, created_at, id);

create table verification_batch_rows (
    batch_id uuid not null references verification_batches (id) on delete cascade,
    position int not null,
    candidate_name varchar(200),
    candidate_email varchar(254),
    source varchar(500) not null,
    verdict varchar(20) not null,
    reason varchar(2000) not null,
    recipient varchar(40) not null,
    revocation varchar(40) not null,
    expired boolean not null,
    valid_until timestamp with time zone,
    achievement varchar(500),
    issuer_name varchar(500),
    issuer_id varchar(2000),
    issuer_standing varchar(300) not null,
    credential_id varchar(2000),
    primary key (batch_id, position)
);
