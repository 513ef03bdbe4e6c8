-- Bulk awarding as a background job (docs/bulk-awards.md). A job and all its rows are stored in one transaction once
-- the whole file has been checked; the job runner (db-scheduler) then awards row by row.
create table award_jobs (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    kind varchar(20) not null,
    state varchar(20) not null,
    file_name varchar(255),
    file_hash varchar(64) not null,
    allow_duplicates boolean not null,
    total_rows integer not null,
    created_by varchar(320) not null,
    created_at timestamp with time zone not null,
    started_at timestamp with time zone,
    finished_at timestamp with time zone
);
create index award_jobs_org_idx on award_jobs (organization_id, created_at);
create index award_jobs_state_idx on award_jobs (state, created_at);

-- outcome: null (not started), started, awarded, skipped-duplicate, failed, cancelled.
create table award_job_rows (
    job_id uuid not null references award_jobs (id),
    row_number integer not null,
    line integer not null,
    email varchar(320) not null,
    name varchar(200) not null,
    achievement_id uuid not null,
    achievement_name varchar(300) not null,
    evidence_narrative text,
    evidence_url varchar(2048),
    valid_from timestamp with time zone,
    valid_until timestamp with time zone,
    outcome varchar(20),
    award_id uuid,
    message varchar(1000),
    done_at timestamp with time zone,
    primary key (job_id, row_number)
);
create index award_job_rows_outcome_idx on award_job_rows (job_id, outcome);

-- A row's award carries the row's key (job id and row number): a row run again after a crash finds its award
-- instead of issuing a second one. Null for every other award; nulls never collide in a unique index.
alter table awards add column issue_key varchar(80);
create unique index awards_issue_key_idx on awards (issue_key);
-- The duplicate check of each row: does this address already hold an active award of this micro-credential?
create index awards_achievement_recipient_idx on awards (achievement_id, recipient_email);
