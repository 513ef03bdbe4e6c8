-- Employer endorsements: an employer's signed OB 3.0 EndorsementCredential of an association's micro-credential (or of
-- the association itself). The credential is kept exactly as signed; its status lives on the employer's status list.
-- The employer revokes it (its list); the association may hide it from its pages and future credentials (its records).
create table endorsements (
    id uuid primary key,
    employer_id uuid not null references organizations (id) on delete cascade,
    association_id uuid not null references organizations (id) on delete cascade,
    achievement_id uuid references achievements (id) on delete cascade,
    kind varchar(10) not null,
    subject_name varchar(300) not null,
    statement varchar(2000) not null,
    credential text not null,
    status_list_id uuid not null references status_lists (id),
    status_index int not null,
    created_by uuid references users (id) on delete set null,
    created_at timestamp with time zone not null,
    revoked_at timestamp with time zone,
    hidden_at timestamp with time zone,
    changed_at timestamp with time zone not null,
    constraint endorsements_kind_ck check (kind in ('statement', 'co-design'))
);
create index endorsements_achievement_ix on endorsements (achievement_id, created_at);
create index endorsements_employer_ix on endorsements (employer_id, created_at, id);
create index endorsements_association_ix on endorsements (association_id, created_at, id);
