-- Learning pathways: a rule tree over an organization's micro-credentials leading to a capstone, either a stacked
-- credential awarded automatically (capstone_achievement_id) or eligibility for a certification exam held elsewhere.
-- The working copy lives here; every publication freezes a version below. Rule trees are explicit JSON with a kind
-- discriminator (see RuleTree); deeper dives are a JSON array of micro-credential ids.
create table pathways (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    name varchar(200) not null,
    description text,
    status varchar(12) not null,
    capstone_kind varchar(12) not null,
    capstone_achievement_id uuid,
    rules text not null,
    deeper_dives text not null,
    latest_version int not null default 0,
    unpublished_changes boolean not null default true,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index pathways_org_idx on pathways (organization_id, status);

-- Published versions never change: a learner stays on the version they started until they choose to move.
create table pathway_versions (
    pathway_id uuid not null references pathways (id) on delete cascade,
    version int not null,
    name varchar(200) not null,
    description text,
    capstone_kind varchar(12) not null,
    capstone_achievement_id uuid,
    rules text not null,
    deeper_dives text not null,
    published_at timestamp with time zone not null,
    primary key (pathway_id, version)
);

-- A learner on a pathway: by choice ("Start this pathway") or from the first step they earned. Keyed by e-mail like
-- awards; user_id is filled in when the person has an account. state: active, completing (claimed while the capstone
-- is being issued), completed.
create table pathway_learners (
    id uuid primary key,
    pathway_id uuid not null references pathways (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    version int not null,
    email varchar(254) not null,
    user_id uuid,
    started_at timestamp with time zone not null,
    started_by varchar(8) not null,
    state varchar(12) not null,
    completed_at timestamp with time zone,
    award_id uuid,
    share_token varchar(64),
    constraint pathway_learners_uq unique (pathway_id, email)
);
create index pathway_learners_email_idx on pathway_learners (email);
create unique index pathway_learners_share_idx on pathway_learners (share_token);

-- Certification eligibility, recorded when a learner completes an eligibility pathway; its public page (and the
-- letter's QR code) shows it live, so staff can withdraw it.
create table pathway_eligibilities (
    id uuid primary key,
    learner_id uuid not null references pathway_learners (id) on delete cascade,
    pathway_id uuid not null references pathways (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    version int not null,
    email varchar(254) not null,
    name varchar(200) not null,
    recorded_at timestamp with time zone not null,
    withdrawn_at timestamp with time zone,
    withdrawn_reason varchar(500)
);
create index pathway_eligibilities_pathway_idx on pathway_eligibilities (pathway_id);
