-- The completions CSV runs on the award job engine: its rows carry the checked report (payload) instead of a
-- micro-credential (docs/bulk-awards.md).
alter table award_job_rows add column payload text;
alter table award_job_rows alter column achievement_id drop not null;
