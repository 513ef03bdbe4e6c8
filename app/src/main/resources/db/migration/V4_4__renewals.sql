-- How a micro-credential with a validity period is renewed: by earning it again, by credits earned since the award,
-- or by staff review of a request.
create table renewal_paths (
    achievement_id uuid primary key references achievements (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    path varchar(15) not null,
    credit_type varchar(30),
    credits_required numeric(10, 2),
    updated_at timestamp with time zone not null
);

-- A holder's request for staff review; one open request per award.
create table renewal_requests (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    award_id uuid not null,
    email varchar(254) not null,
    note varchar(2000),
    status varchar(10) not null,
    requested_at timestamp with time zone not null,
    decided_by uuid,
    decided_at timestamp with time zone,
    reason varchar(500)
);
create index renewal_requests_queue_idx on renewal_requests (organization_id, status, requested_at);
create index renewal_requests_award_idx on renewal_requests (award_id);

-- Each award is renewed at most once: the new award renews it, and is renewed in its turn when it runs out.
create table renewals (
    old_award_id uuid primary key,
    new_award_id uuid not null,
    organization_id uuid not null references organizations (id) on delete cascade,
    path varchar(15) not null,
    renewed_at timestamp with time zone not null
);
