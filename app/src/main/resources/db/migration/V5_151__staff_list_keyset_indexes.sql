-- The lists' keyset order ends with the id (docs/staff-lists.md): with it in the index, a page after a cursor (or at
-- an offset) reads the index in order on H2 and PostgreSQL alike, without sorting the organization's rows.
drop index awards_org_idx;
create index awards_org_issued_idx on awards (organization_id, issued_at, id);
create index submissions_org_submitted_id_idx on submissions (organization_id, submitted_at, id);
drop index submissions_org_submitted_idx;
create index completions_org_reported_id_idx on completions (organization_id, reported_at, id);
drop index completions_org_reported_idx;
