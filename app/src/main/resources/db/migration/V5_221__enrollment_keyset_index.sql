-- The Learners list's keyset order is (enrolled_at, id) (docs/staff-lists.md): with the id in the index H2 reads a
-- page in index order instead of sorting the organization's 30,000 enrollments for each page.
create index enrollments_org_enrolled_id_idx on enrollments (organization_id, enrolled_at, id);
drop index enrollments_org_enrolled_idx;
