-- The staff Learners list filters and orders an organization's enrollments by these, at 100,000 rows.
create index enrollments_org_enrolled_idx on enrollments (organization_id, enrolled_at);
create index enrollments_org_achievement_idx on enrollments (organization_id, achievement_id, enrolled_at);
create index enrollments_org_payment_idx on enrollments (organization_id, payment, enrolled_at);
