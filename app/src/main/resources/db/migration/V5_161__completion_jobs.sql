-- The completions CSV runs on the award job engine: its rows carry the checked report (payload) instead of a
-- micro-credential (docs/bulk-awards.md).
alter table award_job_rows add column payload text;
alter table award_job_rows alter column achievement_id drop not null;
-- The duplicate check of a bulk row is served by awards_recipient_idx (an address holds few awards); the index V5_160
-- added for it only cost every award insert one more index to maintain.
drop index if exists awards_achievement_recipient_idx;
