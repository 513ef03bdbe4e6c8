-- PostgreSQL only (H2 has no indexes on expressions).
-- The Learners and Awards lists ordered by name (lower-cased, then id) read this index in order.
create index if not exists enrollments_org_name_idx on enrollments (organization_id, lower(name), id);
create index if not exists awards_org_name_idx on awards (organization_id, lower(recipient_name), id);
