create table users (
    id uuid primary key,
    email varchar(254) not null,
    name varchar(200) not null,
    password_hash varchar(200) not null,
    email_verified_at timestamp with time zone,
    platform_admin boolean not null default false,
    created_at timestamp with time zone not null,
    constraint users_email_uq unique (email)
);

-- One-use links sent by e-mail (address verification, password reset); only their hashes are kept.
create table account_tokens (
    token_hash varchar(64) primary key,
    user_id uuid not null references users (id) on delete cascade,
    purpose varchar(20) not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index account_tokens_user_idx on account_tokens (user_id);

-- Failed sign-ins per address, kept in the database so that every app node throttles alike.
create table sign_in_failures (
    email varchar(254) primary key,
    failures int not null,
    first_failure_at timestamp with time zone not null,
    locked_until timestamp with time zone
);
