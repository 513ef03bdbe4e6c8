-- Reports (docs/reports.md). Views of a micro-credential's public page and verifications of an award, per day (UTC),
-- counted in memory on each node and added here in batches like badge_audience: no write per view, no visitor kept.
create table achievement_page_views (
    achievement_id uuid not null references achievements (id) on delete cascade,
    on_day date not null,
    hits bigint not null,
    primary key (achievement_id, on_day)
);
create table credential_verifications (
    award_id uuid not null references awards (id) on delete cascade,
    on_day date not null,
    hits bigint not null,
    primary key (award_id, on_day)
);

-- Who paid what, as priced when enrolling: revenue by member type needs the type that applied then, not today's roster.
-- buyer_member is null for enrollments made before this column existed ("not recorded" in reports).
alter table enrollments add column buyer_member boolean;
alter table enrollments add column buyer_member_type varchar(64);

-- Report queries read one organization's rows in a date range; these keep them to index range scans at 100,000 rows.
create index enrollments_org_paid_idx on enrollments (organization_id, paid_at);
create index submissions_org_decided_idx on submissions (organization_id, decided_at);
create index reviews_org_assigned_idx on reviews (organization_id, assigned_at);
create index pathway_learners_org_idx on pathway_learners (organization_id, pathway_id);
