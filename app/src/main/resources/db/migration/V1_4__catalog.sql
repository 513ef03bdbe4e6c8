-- A micro-credential: the editable definition lives here; every publication freezes a version below.
create table achievements (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    status varchar(12) not null,
    definition text not null,
    latest_version int not null default 0,
    unpublished_changes boolean not null default true,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index achievements_org_idx on achievements (organization_id, status);

-- Published versions never change: awards point at the version they were earned under.
create table achievement_versions (
    achievement_id uuid not null references achievements (id) on delete cascade,
    version int not null,
    definition text not null,
    published_at timestamp with time zone not null,
    primary key (achievement_id, version)
);
