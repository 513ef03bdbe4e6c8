-- An account holds several e-mail addresses, each proven by a link sent to it; users.email stays the primary copy
-- (sign-in and mail go there). verified_email is the address once it is proven and null before: its unique
-- constraint makes a verified address belong to one account only (a partial unique index would say the same, but
-- H2 has none), while any number of accounts may have asked, unproven, for the same address.
create table user_emails (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    email varchar(254) not null,
    verified_email varchar(254),
    verified_at timestamp with time zone,
    created_at timestamp with time zone not null,
    constraint user_emails_user_email_uq unique (user_id, email),
    constraint user_emails_verified_uq unique (verified_email)
);
create index user_emails_email_idx on user_emails (email);

-- Links that prove an added address; only their hashes are kept. One use, three days.
create table user_email_tokens (
    token_hash varchar(64) primary key,
    user_email_id uuid not null references user_emails (id) on delete cascade,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index user_email_tokens_email_idx on user_email_tokens (user_email_id);

-- Every account's own address, proven when the account was confirmed.
insert into user_emails (id, user_id, email, verified_email, verified_at, created_at)
select id, id, email, case when email_verified_at is null then null else email end, email_verified_at, created_at from users;
