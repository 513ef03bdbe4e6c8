-- Staff lists at 100,000 rows (docs/staff-lists.md): each filter of a list, with the list's keyset order after it.
-- awards (organization_id, issued_at) is awards_org_idx already; searches (LIKE '%words%') scan one organization's rows.
create index awards_org_achievement_idx on awards (organization_id, achievement_id, issued_at);
create index awards_org_state_idx on awards (organization_id, state, issued_at);
create index awards_org_claim_idx on awards (organization_id, claim_state, issued_at);
create index submissions_org_submitted_idx on submissions (organization_id, submitted_at);
create index submissions_org_state_submitted_idx on submissions (organization_id, state, submitted_at);
create index submissions_org_achievement_idx on submissions (organization_id, achievement_id, submitted_at);
create index completions_org_reported_idx on completions (organization_id, reported_at);
create index completions_org_course_idx on completions (organization_id, course_code, reported_at);
create index completions_org_source_idx on completions (organization_id, source, reported_at);
