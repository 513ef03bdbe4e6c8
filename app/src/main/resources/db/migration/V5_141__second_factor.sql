-- A TOTP authenticator (RFC 6238) per account. The secret is sealed with the platform master key (AES-256-GCM);
-- it counts only once confirmed with a first code. last_used_step is the last 30-second step a code was accepted
-- for, so a code cannot be used twice.
create table totp_authenticators (
    user_id uuid primary key references users (id) on delete cascade,
    secret_sealed varchar(200) not null,
    confirmed_at timestamp with time zone,
    last_used_step bigint not null default -1,
    created_at timestamp with time zone not null
);

-- One-time recovery codes: only their SHA-256 hashes are kept (each code is 50 random bits).
create table recovery_codes (
    user_id uuid not null references users (id) on delete cascade,
    code_hash varchar(64) not null,
    used_at timestamp with time zone,
    primary key (user_id, code_hash)
);

-- An organization may require a second factor of its staff (everyone with a role in it).
alter table organizations add column require_second_factor boolean not null default false;
