-- Pathway completion checks waiting to run. A row is written in the award's transaction (it commits or rolls back with
-- the award) and deleted once the check has run in the background, so a node killed right after the award's commit
-- leaves the row behind for any node to pick up: no completion is lost, and the award request never waits for it.
create table pathway_checks (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    recipient_email varchar(254) not null,
    achievement_id uuid not null,
    created_at timestamp with time zone not null,
    attempts int not null default 0,
    next_attempt_at timestamp with time zone not null
);
create index pathway_checks_due on pathway_checks (next_attempt_at);
create index pathway_checks_organization on pathway_checks (organization_id);
