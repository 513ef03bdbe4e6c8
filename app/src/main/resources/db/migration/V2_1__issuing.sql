-- Issuers' signing keys. Private keys are encrypted with the platform master key. A rotated key signs nothing new but
-- still verifies what it signed; a retired (compromised) key is withdrawn from the DID document, so its badges fail.
create table issuer_keys (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    algorithm varchar(10) not null,
    key_id varchar(100) not null,
    public_key text not null,
    private_key text not null,
    created_at timestamp with time zone not null,
    rotated_at timestamp with time zone,
    retired_at timestamp with time zone,
    retired_reason varchar(500),
    constraint issuer_keys_uq unique (organization_id, key_id)
);
create index issuer_keys_org_idx on issuer_keys (organization_id);

-- Bitstring status lists: one bit per credential; the signed list credential is re-signed with every change.
create table status_lists (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    purpose varchar(20) not null,
    size int not null,
    allocated int not null default 0,
    encoded_list text not null,
    credential text,
    etag varchar(64),
    updated_at timestamp with time zone not null
);
create index status_lists_org_idx on status_lists (organization_id, purpose);

create table awards (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    achievement_id uuid not null,
    achievement_version int not null,
    achievement_name varchar(200) not null,
    recipient_email varchar(254) not null,
    recipient_name varchar(200) not null,
    identity_salt varchar(64) not null,
    recipient_user_id uuid,
    recipient_did varchar(500),
    issued_at timestamp with time zone not null,
    valid_from timestamp with time zone not null,
    valid_until timestamp with time zone,
    evidence text,
    credential text not null,
    jwt text not null,
    status_method varchar(30) not null,
    status_list_id uuid,
    status_index int,
    state varchar(12) not null,
    revoked_at timestamp with time zone,
    revocation_reason varchar(500),
    claim_token_hash varchar(64),
    claimed_at timestamp with time zone
);
create index awards_org_idx on awards (organization_id, issued_at);
create index awards_recipient_idx on awards (recipient_email);
create index awards_user_idx on awards (recipient_user_id);
create unique index awards_claim_idx on awards (claim_token_hash);
