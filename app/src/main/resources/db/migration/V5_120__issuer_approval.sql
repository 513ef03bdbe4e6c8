-- Issuer vetting: an organization signs credentials only once the platform's operator has approved it.
-- States: pending (new), approved, rejected, suspended. See docs/security/issuer-vetting.md.
alter table organizations add column approval_state varchar(20) default 'pending' not null;
alter table organizations add column approval_decided_by varchar(254);
alter table organizations add column approval_decided_at timestamp with time zone;
alter table organizations add column approval_note varchar(1000);

-- Organizations that have already issued keep issuing: the upgrade approves them, and says so.
update organizations set approval_state = 'approved', approval_decided_by = 'upgrade', approval_decided_at = current_timestamp,
    approval_note = 'Approved on upgrade: it had issued credentials before vetting existed.'
where exists (select 1 from awards a where a.organization_id = organizations.id);

create index organizations_approval_idx on organizations (approval_state, created_at, id);
