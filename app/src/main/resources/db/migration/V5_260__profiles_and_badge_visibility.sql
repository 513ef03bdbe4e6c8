-- Per-badge visibility (docs/profiles.md). Who may open an award's HTML page: 'public' (anyone; on the holder's profile
-- when they put it in a collection), 'unlisted' (anyone with the link; never on a profile; noindex) or 'private' (the
-- holder and the issuer's staff only). A pending or declined award is private whatever this column says: the column is
-- the holder's choice, which only counts once they have accepted. Awards accepted before this release become unlisted,
-- so every link already shared keeps working and nothing appears on a profile the person did not build.
alter table awards add column visibility varchar(10) default 'unlisted' not null;
alter table awards add constraint awards_visibility_check check (visibility in ('public', 'unlisted', 'private'));

-- A person's public profile at /people/{handle}: off until they switch it on. The handle is stored lower-case, so
-- unique means unique regardless of case.
create table profiles (
    user_id uuid primary key references users (id),
    handle varchar(30) not null,
    enabled boolean default false not null,
    display_name varchar(100) not null,
    headline varchar(200),
    photo_key varchar(200),
    photo_type varchar(20),
    indexable boolean default false not null,
    default_visibility varchar(10) default 'unlisted' not null,
    updated_at timestamp with time zone not null,
    constraint profiles_handle_unique unique (handle),
    constraint profiles_default_visibility_check check (default_visibility in ('public', 'unlisted', 'private'))
);

create table profile_collections (
    id uuid primary key,
    user_id uuid not null references profiles (user_id),
    name varchar(80) not null,
    position int not null
);
create index profile_collections_user_idx on profile_collections (user_id, position);

create table profile_collection_badges (
    collection_id uuid not null references profile_collections (id) on delete cascade,
    award_id uuid not null references awards (id),
    position int not null,
    primary key (collection_id, award_id)
);
create index profile_collection_badges_award_idx on profile_collection_badges (award_id);
