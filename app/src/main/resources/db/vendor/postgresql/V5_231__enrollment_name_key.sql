-- PostgreSQL only (H2: the same column in its vendor folder). The Learners list orders by name_key, a generated
-- column with the lower-cased name, on both databases (H2 cannot index lower(name)); this index replaces the one on
-- the expression.
alter table enrollments add column name_key varchar(200) generated always as (lower(name)) stored;
create index if not exists enrollments_org_name_key_idx on enrollments (organization_id, name_key, id);
drop index if exists enrollments_org_name_idx;
