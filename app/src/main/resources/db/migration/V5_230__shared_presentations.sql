-- A shared presentation: badges a person picked to show together under one link (docs/portfolio.md). The token is
-- the link's last segment; it opens a public page and the presentation's JSON, nothing else, and the person can
-- withdraw it. Badges are listed in the order the person chose.
create table shared_presentations (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    token varchar(64) not null,
    title varchar(120) not null,
    created_at timestamp with time zone not null,
    withdrawn_at timestamp with time zone
);
create unique index shared_presentations_token_idx on shared_presentations (token);
create index shared_presentations_user_idx on shared_presentations (user_id, created_at);

create table shared_presentation_badges (
    presentation_id uuid not null references shared_presentations (id) on delete cascade,
    award_id uuid not null references awards (id) on delete cascade,
    position int not null,
    primary key (presentation_id, award_id)
);
create index shared_presentation_badges_award_idx on shared_presentation_badges (award_id);
