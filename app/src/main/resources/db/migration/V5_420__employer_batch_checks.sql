-- An employer account keeps its past batch checks (docs/batch-verification.md, "Past checks"): a batch belongs either
-- to the person who ran it (user_id) or to the employer organization it was run for (organization_id), never both.
-- An employer's batch stays when the recruiter who ran it leaves; checked_by says who it was (an e-mail, or "API key").
alter table verification_batches alter column user_id drop not null;
alter table verification_batches add column organization_id uuid references organizations (id) on delete cascade;
alter table verification_batches add column checked_by varchar(254);
alter table verification_batches add constraint verification_batches_owner_ck
    check ((user_id is null and organization_id is not null) or (user_id is not null and organization_id is null));
create index verification_batches_organization_idx on verification_batches (organization_id, created_at, id);

-- A credential that came in a presentation: whether its subject is the presentation's holder, and the holder's proof.
alter table verification_batch_rows add column holder_binding varchar(40) default 'NOT_PRESENTED' not null;
alter table verification_batch_rows add column holder_proof varchar(40) default 'NOT_PRESENTED' not null;
