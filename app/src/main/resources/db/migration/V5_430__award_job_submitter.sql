-- Who submitted an award job, so the awards it issues are recorded in the audit log under that person or API key
-- (created_by keeps the label shown on the page). Null for jobs stored before: their awards stay recorded as the system.
alter table award_jobs add column submitted_by_type varchar(20);
alter table award_jobs add column submitted_by_id uuid;
