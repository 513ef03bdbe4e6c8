-- Where a person works: peer review never assigns a submission to a colleague at the learner's own employer.
alter table users add column employer varchar(200);

-- How a micro-credential is earned online (rubric, assessment, submission, demonstration, completion, prerequisites).
-- Every save is a new immutable version; an enrollment stays on the version it started with.
create table earning_designs (
    achievement_id uuid not null references achievements (id) on delete cascade,
    version int not null,
    organization_id uuid not null references organizations (id) on delete cascade,
    design text not null,
    created_at timestamp with time zone not null,
    created_by uuid,
    primary key (achievement_id, version)
);

-- A learner working toward one micro-credential. Keyed by e-mail so that a learning system can report completions
-- for people who have no account yet; user_id is filled in when the person is known.
create table enrollments (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    achievement_id uuid not null references achievements (id) on delete cascade,
    design_version int not null,
    email varchar(254) not null,
    user_id uuid,
    name varchar(200) not null,
    state varchar(12) not null,
    payment varchar(8) not null,
    price_minor bigint,
    currency varchar(3),
    paid_at timestamp with time zone,
    paid_marked_by uuid,
    enrolled_at timestamp with time zone not null,
    deadline_at timestamp with time zone,
    award_id uuid,
    awarded_at timestamp with time zone,
    constraint enrollments_learner_uq unique (achievement_id, email)
);
create index enrollments_user_idx on enrollments (user_id);
create index enrollments_email_idx on enrollments (email);
create index enrollments_org_idx on enrollments (organization_id, state);

-- Assessment attempts: the questions drawn are kept with the attempt so that scoring uses exactly what was shown.
create table assessment_attempts (
    id uuid primary key,
    enrollment_id uuid not null references enrollments (id) on delete cascade,
    started_at timestamp with time zone not null,
    deadline_at timestamp with time zone,
    question_ids text not null,
    answers text,
    submitted_at timestamp with time zone,
    score_percent int,
    passed boolean,
    feedback text
);
create index assessment_attempts_enrollment_idx on assessment_attempts (enrollment_id, started_at);

-- Work products: one row per round (the first submission and each resubmission after "not yet").
create table submissions (
    id uuid primary key,
    enrollment_id uuid not null references enrollments (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    achievement_id uuid not null,
    round int not null,
    state varchar(16) not null,
    responses text not null,
    evidence_public boolean not null default false,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    submitted_at timestamp with time zone,
    decided_at timestamp with time zone,
    decision varchar(8),
    levels text,
    decided_by uuid,
    override_reason varchar(1000),
    constraint submissions_round_uq unique (enrollment_id, round)
);
create index submissions_org_idx on submissions (organization_id, state);

create table submission_files (
    id uuid primary key,
    submission_id uuid not null references submissions (id) on delete cascade,
    file_key varchar(200) not null,
    file_name varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes bigint not null,
    uploaded_at timestamp with time zone not null
);
create index submission_files_submission_idx on submission_files (submission_id);

-- A reviewer's assignment and, once done, their review: per criterion a level and feedback, and a verdict.
create table reviews (
    id uuid primary key,
    submission_id uuid not null references submissions (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    reviewer_id uuid not null,
    tiebreak boolean not null default false,
    state varchar(12) not null,
    assigned_at timestamp with time zone not null,
    due_at timestamp with time zone not null,
    reminded_at timestamp with time zone,
    levels text,
    feedback text,
    comment text,
    verdict varchar(8),
    completed_at timestamp with time zone,
    ended_reason varchar(200)
);
create index reviews_reviewer_idx on reviews (reviewer_id, state);
create index reviews_submission_idx on reviews (submission_id);
create index reviews_due_idx on reviews (state, due_at);

-- A skill observed by an assessor, scored on the rubric.
create table demonstrations (
    id uuid primary key,
    enrollment_id uuid not null references enrollments (id) on delete cascade,
    assessor_id uuid not null,
    mode varchar(10) not null,
    video_url varchar(2000),
    observed_on date not null,
    levels text not null,
    notes text,
    verdict varchar(8) not null,
    recorded_at timestamp with time zone not null
);
create index demonstrations_enrollment_idx on demonstrations (enrollment_id);

-- Course completions reported by a learning system; the same completion reported twice is stored once.
create table completions (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    email varchar(254) not null,
    course_code varchar(100) not null,
    completed_on date not null,
    source varchar(8) not null,
    reported_at timestamp with time zone not null,
    constraint completions_uq unique (organization_id, email, course_code)
);
create index completions_email_idx on completions (email);

-- What happened, for the person it concerns: the same events that are e-mailed, listed in the app.
create table earning_notices (
    id uuid primary key,
    email varchar(254) not null,
    organization_id uuid,
    subject varchar(300) not null,
    link varchar(500) not null,
    created_at timestamp with time zone not null,
    read_at timestamp with time zone
);
create index earning_notices_email_idx on earning_notices (email, created_at);
