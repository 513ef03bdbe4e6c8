-- Domain control by DIF Well Known DID Configuration: the domain staff claim, and whether it was last proven.
create table issuer_domains (
    organization_id uuid primary key references organizations (id) on delete cascade,
    domain varchar(253) not null,
    verified boolean default false not null,
    checked_at timestamp with time zone,
    verified_at timestamp with time zone,
    failure varchar(1000)
);
create index issuer_domains_verified_idx on issuer_domains (verified, checked_at);
