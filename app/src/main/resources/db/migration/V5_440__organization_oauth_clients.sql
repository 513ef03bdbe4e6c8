-- OAuth 2.0 client-credentials clients an organization registers for its own systems (the W3C VC-API issuer): the
-- client itself lives in Spring Authorization Server's oauth2_registered_client; this row binds it to the organization,
-- names it, and records who made it, when it was last used and when it was revoked.
create table organization_oauth_clients (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    registered_client_id varchar(100) not null references oauth2_registered_client (id),
    client_id varchar(100) not null,
    name varchar(100) not null,
    scopes varchar(200) not null,
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);
create unique index organization_oauth_clients_client_idx on organization_oauth_clients (client_id);
create index organization_oauth_clients_org_idx on organization_oauth_clients (organization_id, created_at);
