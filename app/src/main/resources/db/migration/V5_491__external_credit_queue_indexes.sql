-- External credits (docs/staff-lists.md): the category filter reads (organization, category) in the list's order, and
-- the credits tab's latest decisions read (organization, reviewed_at) instead of every report of the organization.
create index external_credits_org_category_idx on external_credits (organization_id, category, reported_at);
create index external_credits_org_reviewed_idx on external_credits (organization_id, reviewed_at);
