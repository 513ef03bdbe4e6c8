-- Every CLR transcript an organization signed: for whom, when, which of its awards and approved external credits it
-- embeds, and the signed document itself. Each has an entry in one of the organization's status lists, so staff can
-- revoke it like a badge.
create table clr_transcripts (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    holder_email varchar(254) not null,
    holder_user_id uuid,
    holder_name varchar(200) not null,
    issued_at timestamp with time zone not null,
    award_ids text not null,
    external_credit_ids text not null,
    credential text not null,
    status_list_id uuid not null,
    status_index int not null,
    state varchar(10) not null,
    revoked_at timestamp with time zone,
    revoked_by uuid,
    revocation_reason varchar(500)
);
create index clr_transcripts_org_idx on clr_transcripts (organization_id, issued_at);
create index clr_transcripts_holder_idx on clr_transcripts (holder_email);
