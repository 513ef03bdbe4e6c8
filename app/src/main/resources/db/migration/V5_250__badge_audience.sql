-- Who looked at a badge and where it was shared: badge-page views and share clicks per award, day and channel
-- ('view', or a network such as 'linkedin'), counted in memory on each node and added here in batches
-- (issuing.BadgeAudience; docs/sharing.md). No visitor is identified: only the sums are kept.
create table badge_audience (
    award_id uuid not null references awards (id) on delete cascade,
    on_day date not null,
    channel varchar(20) not null,
    hits bigint not null,
    primary key (award_id, on_day, channel)
);
