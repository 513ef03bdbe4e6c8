-- Presentations signed by their holder's wallet (docs/portfolio.md). One per person and scope: 'export' for the
-- "Download all" presentation, or a shared presentation's id; signing again replaces it. award_ids lists the badges it
-- covers (comma-separated), so a badge received later shows it as out of date.
create table holder_signed_presentations (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    scope varchar(40) not null,
    format varchar(20) not null,
    presentation text not null,
    holder_did varchar(500) not null,
    verification_method varchar(1000),
    award_ids text not null,
    badge_count int not null,
    signed_at timestamp with time zone not null
);
create unique index holder_signed_presentations_scope_idx on holder_signed_presentations (user_id, scope);

-- The challenges already answered: a challenge is sealed (not stored) when offered, so using it once is recorded here.
-- Rows older than a day are removed as new ones come (a challenge is valid for minutes).
create table holder_signing_challenges (
    challenge varchar(100) primary key,
    user_id uuid not null references users (id) on delete cascade,
    used_at timestamp with time zone not null
);
create index holder_signing_challenges_used_idx on holder_signing_challenges (used_at);
