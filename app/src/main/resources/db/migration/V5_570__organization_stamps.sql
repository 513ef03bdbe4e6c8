-- Stamps of what an award reads of its organization besides the organization's own row: its signing keys and its
-- catalog (micro-credentials and their versions). Every write to those tables sets the stamp of the organization it
-- touches, in the same transaction (triggers, V5_571 per database), so a node may keep what it read of them for as
-- long as the organization's row, read fresh by every award, shows the same stamp. Values come from one sequence:
-- a value is never handed out twice, not even after a rollback, so a stamp seen inside a transaction that is rolled
-- back can never name other contents later.
create sequence organization_stamps;
alter table organizations add column issuer_keys_stamp bigint not null default 0;
alter table organizations add column catalog_stamp bigint not null default 0;
