-- Finding verified talent (docs/talent.md). A person's choice to be findable by the employer partners of one
-- association: off by default; only the badges, location and headline they chose are ever shown. Withdrawing sets
-- findable to false and nothing of theirs appears in a search from then on.
create table talent_profiles (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    association_id uuid not null references organizations (id) on delete cascade,
    findable boolean default false not null,
    display_name varchar(200) not null,
    headline varchar(140),
    location varchar(120),
    location_search varchar(120),
    updated_at timestamp with time zone not null,
    constraint talent_profiles_person_uq unique (user_id, association_id)
);
-- Searches read the findable people of the employer's partner associations, newest first.
create index talent_profiles_search_ix on talent_profiles (association_id, findable, updated_at, id);

-- The badges a person chose to show, with what searches match them on, copied from the frozen version they earned
-- (name, credits); a revoked badge is removed at once.
create table talent_badges (
    profile_id uuid not null references talent_profiles (id) on delete cascade,
    award_id uuid not null references awards (id) on delete cascade,
    achievement_id uuid not null,
    achievement_name varchar(200) not null,
    achievement_search varchar(200) not null,
    issued_at timestamp with time zone not null,
    credit_type varchar(30),
    credit_value numeric(10, 2),
    primary key (profile_id, award_id)
);
create index talent_badges_award_ix on talent_badges (award_id);
create index talent_badges_achievement_ix on talent_badges (achievement_id, profile_id);

-- The competencies (OB 3.0 alignments) of each shown badge, lower case for searching.
create table talent_badge_alignments (
    id uuid primary key,
    profile_id uuid not null,
    award_id uuid not null,
    target_name varchar(500) not null,
    target_code varchar(200),
    target_framework varchar(500),
    constraint talent_badge_alignments_badge_fk foreign key (profile_id, award_id)
        references talent_badges (profile_id, award_id) on delete cascade
);
create index talent_badge_alignments_profile_ix on talent_badge_alignments (profile_id);
create index talent_badge_alignments_name_ix on talent_badge_alignments (target_name);
create index talent_badge_alignments_code_ix on talent_badge_alignments (target_code);

-- Contact through the platform: one thread per employer and person. state: open, or declined (the employer can no
-- longer write). email_shared: the person chose to show their e-mail address to this employer.
create table talent_threads (
    id uuid primary key,
    employer_id uuid not null references organizations (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    profile_id uuid not null references talent_profiles (id) on delete cascade,
    state varchar(10) not null,
    email_shared boolean default false not null,
    started_at timestamp with time zone not null,
    last_message_at timestamp with time zone not null,
    constraint talent_threads_pair_uq unique (employer_id, user_id),
    constraint talent_threads_state_ck check (state in ('open', 'declined'))
);
create index talent_threads_employer_ix on talent_threads (employer_id, last_message_at, id);
create index talent_threads_user_ix on talent_threads (user_id, last_message_at, id);

create table talent_messages (
    id uuid primary key,
    thread_id uuid not null references talent_threads (id) on delete cascade,
    from_employer boolean not null,
    author_id uuid references users (id) on delete set null,
    body varchar(2000) not null,
    sent_at timestamp with time zone not null
);
create index talent_messages_thread_ix on talent_messages (thread_id, sent_at, id);

-- What employers did with a person's profile, kept for the person: every search that showed them, every message.
create table talent_log (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    employer_id uuid references organizations (id) on delete set null,
    employer_name varchar(200) not null,
    kind varchar(10) not null,
    detail varchar(300),
    at timestamp with time zone not null,
    constraint talent_log_kind_ck check (kind in ('search', 'contact'))
);
create index talent_log_user_ix on talent_log (user_id, at, id);
