-- H2 only. H2 takes an index for an ORDER BY only when the index's columns start with the sort keys in the same
-- direction, and cannot read an ascending index backwards. The staff lists order by (organization_id, key, id), newest
-- first (Listings.Source.scopedBy): without these, H2 read and sorted every row of the organization for each page
-- (100,000 awards: whole rows with their credentials, seconds per page). PostgreSQL reads its ascending indexes
-- backwards and needs none of these.
-- The awards index also carries the searched columns, so a search and its count read the index only, never the rows.
create index if not exists awards_org_newest_h2_idx on awards (organization_id desc, issued_at desc, id desc,
    recipient_name, recipient_email, achievement_name);
create index if not exists enrollments_org_newest_h2_idx on enrollments (organization_id desc, enrolled_at desc, id desc);
create index if not exists submissions_org_newest_h2_idx on submissions (organization_id desc, submitted_at desc, id desc);
create index if not exists completions_org_newest_h2_idx on completions (organization_id desc, reported_at desc, id desc);
create index if not exists external_credits_org_newest_h2_idx on external_credits (organization_id desc, reported_at desc, id desc);
create index if not exists clr_transcripts_org_newest_h2_idx on clr_transcripts (organization_id desc, issued_at desc, id desc);
create index if not exists renewal_requests_org_newest_h2_idx on renewal_requests (organization_id desc, requested_at desc, id desc);
