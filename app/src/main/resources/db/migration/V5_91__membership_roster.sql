-- The association's membership roster, keyed by its own member numbers; separate from staff roles.
create table roster_members (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    member_number varchar(64) not null,
    name varchar(200) not null,
    status varchar(12) not null,
    member_type varchar(64),
    expires_on date,
    updated_at timestamp with time zone not null,
    constraint roster_members_number_uq unique (organization_id, member_number)
);
create index roster_members_status_idx on roster_members (organization_id, status, member_number);

-- A member's e-mail addresses (at most five); the member price goes to learners who verified one of them.
create table roster_emails (
    member_id uuid not null references roster_members (id) on delete cascade,
    organization_id uuid not null,
    email varchar(254) not null,
    primary key (member_id, email)
);
create index roster_emails_lookup_idx on roster_emails (organization_id, email);
