-- What renewing a credential or license takes, e.g. "30 PDU every 3 years". A rule is attached either to one of the
-- organization's micro-credentials (cycles count from the day the holder earned it) or to a license the organization
-- oversees but does not issue here (cycles count from a date each holder enters).
create table renewal_rules (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    name varchar(200) not null,
    credit_type varchar(30) not null,
    required_total numeric(10, 2) not null,
    cycle_years int not null,
    anchor varchar(12) not null,
    achievement_id uuid references achievements (id) on delete cascade,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index renewal_rules_org_idx on renewal_rules (organization_id);
create index renewal_rules_achievement_idx on renewal_rules (achievement_id);

-- Minimums within a rule's total for named categories, such as 5 of the 30 in ethics.
create table renewal_rule_categories (
    rule_id uuid not null references renewal_rules (id) on delete cascade,
    category varchar(50) not null,
    minimum numeric(10, 2) not null,
    primary key (rule_id, category)
);

-- The day a holder got a license that a "license" rule tracks; their cycles count from it.
create table license_anchors (
    rule_id uuid not null references renewal_rules (id) on delete cascade,
    email varchar(254) not null,
    anchor_date date not null,
    entered_at timestamp with time zone not null,
    primary key (rule_id, email)
);

-- The category a micro-credential's credits count toward (e.g. ethics), set by a designer. Kept here, keyed by the
-- achievement, so the catalog's published definitions stay as they were signed.
create table credit_categories (
    achievement_id uuid primary key references achievements (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    category varchar(50) not null,
    updated_at timestamp with time zone not null
);

-- Credits a learner earned elsewhere and reports with proof; they count once staff approve them.
create table external_credits (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    email varchar(254) not null,
    title varchar(200) not null,
    provider varchar(200) not null,
    completed_on date not null,
    amount numeric(10, 2) not null,
    credit_type varchar(30) not null,
    category varchar(50),
    proof_key varchar(200) not null,
    proof_content_type varchar(100) not null,
    proof_name varchar(200) not null,
    status varchar(10) not null,
    reported_at timestamp with time zone not null,
    reviewer_id uuid,
    reviewed_at timestamp with time zone,
    reason varchar(500)
);
create index external_credits_learner_idx on external_credits (email, organization_id);
create index external_credits_queue_idx on external_credits (organization_id, status, reported_at);

-- Every reminder sent: the unique key makes each one go out once and only once, also when two runs race.
create table credit_reminders (
    id uuid primary key,
    kind varchar(30) not null,
    email varchar(254) not null,
    subject_key varchar(200) not null,
    milestone_days int not null,
    sent_at timestamp with time zone not null,
    constraint credit_reminders_uq unique (kind, email, subject_key, milestone_days)
);
