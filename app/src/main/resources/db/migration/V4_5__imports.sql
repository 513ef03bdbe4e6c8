-- Credentials from elsewhere: Open Badges 2.0/3.0 badges a learner imported from other issuers, kept only when they
-- verified and were issued to the learner, and the mappings by which an organization accepts another issuer's
-- achievement as one of its own micro-credentials (for every learner holding it, now and later).
create table imported_credentials (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    email varchar(320) not null,
    -- The original as given: JSON or JWT text, or a baked image in base64 (at most 2 MB before encoding).
    content text not null,
    content_type varchar(100),
    source_url varchar(2000),
    format varchar(40) not null,
    credential_id varchar(2000),
    issuer_id varchar(1000) not null,
    issuer_name varchar(500),
    achievement_id varchar(1000) not null,
    achievement_name varchar(500),
    issued_at timestamp with time zone,
    expires_at timestamp with time zone,
    verified boolean not null,
    verdict varchar(2000) not null,
    checked_at timestamp with time zone not null,
    recipient_match varchar(10) not null,
    status varchar(12) not null,
    created_at timestamp with time zone not null
);
create index imported_credentials_user_idx on imported_credentials (user_id, status);
create index imported_credentials_email_idx on imported_credentials (email, status);
create index imported_credentials_achievement_idx on imported_credentials (issuer_id, achievement_id);

-- A learner asking an organization to recognize an import; staff decide per external achievement.
create table import_recognition_requests (
    import_id uuid not null references imported_credentials (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    requested_at timestamp with time zone not null,
    state varchar(12) not null,
    reason text,
    decided_at timestamp with time zone,
    primary key (import_id, organization_id)
);
create index import_requests_org_idx on import_recognition_requests (organization_id, state);

create table achievement_mappings (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    external_issuer_id varchar(1000) not null,
    external_achievement_id varchar(1000) not null,
    achievement_id uuid not null references achievements (id) on delete cascade,
    decided_by uuid references users (id) on delete set null,
    decided_at timestamp with time zone not null,
    note text,
    constraint achievement_mappings_unique unique (organization_id, external_issuer_id, external_achievement_id)
);
create index achievement_mappings_lookup_idx on achievement_mappings (external_issuer_id, external_achievement_id);
