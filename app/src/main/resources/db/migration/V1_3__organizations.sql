create table organizations (
    id uuid primary key,
    slug varchar(63) not null,
    name varchar(200) not null,
    description text,
    website varchar(2048),
    email varchar(254),
    logo_key varchar(100),
    logo_content_type varchar(40),
    revocation_method varchar(30) not null default 'BitstringStatusList',
    created_at timestamp with time zone not null,
    constraint organizations_slug_uq unique (slug)
);

create table memberships (
    organization_id uuid not null references organizations (id) on delete cascade,
    user_id uuid not null,
    role varchar(20) not null,
    granted_at timestamp with time zone not null,
    primary key (organization_id, user_id, role)
);
create index memberships_user_idx on memberships (user_id);

create table invitations (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    email varchar(254) not null,
    role varchar(20) not null,
    token_hash varchar(64) not null,
    invited_by uuid,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    accepted_at timestamp with time zone,
    revoked_at timestamp with time zone,
    constraint invitations_token_uq unique (token_hash)
);
create index invitations_org_idx on invitations (organization_id);

create table api_keys (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    name varchar(100) not null,
    prefix varchar(16) not null,
    key_hash varchar(64) not null,
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    constraint api_keys_hash_uq unique (key_hash)
);
create index api_keys_org_idx on api_keys (organization_id);
