-- Webhooks: organizations' endpoints, the events written in the same transaction as the change they announce
-- (a transactional outbox), one delivery per event and endpoint, and every attempt for the delivery log.
create table webhook_endpoints (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    url varchar(2000) not null,
    description varchar(200),
    -- the subscribed event types, comma-separated
    event_types varchar(500) not null,
    -- "whsec_..." sealed with the master key
    secret_sealed varchar(400) not null,
    enabled boolean not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index webhook_endpoints_org_idx on webhook_endpoints (organization_id, created_at);

create table webhook_events (
    id varchar(40) primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    type varchar(40) not null,
    payload text not null,
    created_at timestamp with time zone not null
);
create index webhook_events_org_idx on webhook_events (organization_id, created_at);

create table webhook_deliveries (
    id uuid primary key,
    event_id varchar(40) not null references webhook_events (id) on delete cascade,
    endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
    organization_id uuid not null,
    -- pending (waiting for its next attempt), delivered or failed (no attempt left)
    state varchar(12) not null,
    attempts int not null,
    next_attempt_at timestamp with time zone,
    last_attempt_at timestamp with time zone,
    last_status int,
    created_at timestamp with time zone not null
);
create index webhook_deliveries_due_idx on webhook_deliveries (state, next_attempt_at);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at, id);
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);

create table webhook_attempts (
    id uuid primary key,
    delivery_id uuid not null references webhook_deliveries (id) on delete cascade,
    attempted_at timestamp with time zone not null,
    http_status int,
    duration_ms int not null,
    response_snippet varchar(1100),
    error varchar(500)
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, attempted_at);
