-- An organization is an issuer (an association that designs and awards micro-credentials), an employer (which helps
-- design them, endorses them and relies on them), or both.
alter table organizations add column kind varchar(10) default 'issuer' not null;
alter table organizations add constraint organizations_kind_ck check (kind in ('issuer', 'employer', 'both'));

-- An employer joins an association's program by invitation: the association invites, the employer's owners or admins
-- accept or decline; either side may end it. One row per pair, its state moving along.
create table employer_partnerships (
    id uuid primary key,
    association_id uuid not null references organizations (id) on delete cascade,
    employer_id uuid not null references organizations (id) on delete cascade,
    state varchar(10) not null,
    message varchar(1000),
    invited_by uuid references users (id) on delete set null,
    invited_at timestamp with time zone not null,
    answered_by uuid references users (id) on delete set null,
    answered_at timestamp with time zone,
    constraint employer_partnerships_pair_uq unique (association_id, employer_id),
    constraint employer_partnerships_state_ck check (state in ('invited', 'active', 'declined', 'ended')),
    constraint employer_partnerships_not_self_ck check (association_id <> employer_id)
);
create index employer_partnerships_employer_ix on employer_partnerships (employer_id, state);
create index employer_partnerships_association_ix on employer_partnerships (association_id, state, invited_at);
