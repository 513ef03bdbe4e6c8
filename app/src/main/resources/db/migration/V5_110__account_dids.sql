-- DIDs people link to their accounts, proven by signing a challenge with a key of the DID's document. Only a proven
-- DID counts anywhere (badges issued to it, imported badges naming it); proven_did is set with the proof and is unique,
-- so no two accounts ever hold a proof of the same DID.
create table account_dids (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    did varchar(500) not null,
    proven_did varchar(500),
    proven_at timestamp with time zone,
    proof_format varchar(20),
    verification_method varchar(1000),
    created_at timestamp with time zone not null
);
create unique index account_dids_user_did_idx on account_dids (user_id, did);
create unique index account_dids_proven_idx on account_dids (proven_did);

-- The challenges (nonces) a person signs to prove a DID: bound to the account, used once, short-lived.
create table did_challenges (
    nonce varchar(64) primary key,
    user_id uuid not null references users (id) on delete cascade,
    audience varchar(500) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index did_challenges_user_idx on did_challenges (user_id, created_at);

-- Which of the learner's DIDs an imported badge was matched by, so it stops counting when that DID is removed.
alter table imported_credentials add column recipient_did varchar(500);
