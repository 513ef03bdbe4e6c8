-- More staff lists at 100,000 rows (docs/staff-lists.md): renewal requests, external credits, CLR transcripts and
-- imports; each filter of a list with the list's keyset order after it. Existing: renewal_requests_queue_idx
-- (organization_id, status, requested_at), external_credits_queue_idx (organization_id, status, reported_at),
-- clr_transcripts_org_idx (organization_id, issued_at), import_requests_org_idx (organization_id, state).
create index renewal_requests_org_requested_idx on renewal_requests (organization_id, requested_at);
create index external_credits_org_reported_idx on external_credits (organization_id, reported_at);
create index external_credits_org_type_idx on external_credits (organization_id, credit_type, reported_at);
create index clr_transcripts_org_state_idx on clr_transcripts (organization_id, state, issued_at);
-- Imports carry no organization: the list is the active imports in import order, kept to those of the
-- organization's pathway learners (looked up by organization and user or e-mail) or asking it for recognition.
create index imported_credentials_status_created_idx on imported_credentials (status, created_at);
create index pathway_learners_org_user_idx on pathway_learners (organization_id, user_id);
create index pathway_learners_org_email_idx on pathway_learners (organization_id, email);
create index achievement_mappings_org_achievement_idx on achievement_mappings (organization_id, achievement_id);
