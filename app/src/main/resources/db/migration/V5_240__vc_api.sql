-- The W3C VC-API issuer (issuing module): each organization's choice of issuer identifier, and the credentials it
-- signed through the VC-API with a status entry (so their status can be changed later).
create table vc_api_settings (
    organization_id uuid primary key references organizations (id) on delete cascade,
    did_key_issuer boolean not null default false,
    updated_at timestamp with time zone not null
);

create table vc_api_credentials (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    credential_id varchar(2000),
    status_list_id uuid not null references status_lists (id) on delete cascade,
    status_index int not null,
    issued_at timestamp with time zone not null
);

create index vc_api_credentials_organization on vc_api_credentials (organization_id, issued_at);

-- A credential id names one status entry, so a status change means one credential.
create unique index vc_api_credentials_credential on vc_api_credentials (organization_id, credential_id);
