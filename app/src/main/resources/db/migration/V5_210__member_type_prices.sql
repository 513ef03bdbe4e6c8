-- Prices per member type (the roster's member_type, compared without case) for a micro-credential, in the currency's
-- minor unit. A learner whose verified e-mail matches an active member of that type pays it; other members pay the
-- member price, everyone else the non-member price.
create table member_type_prices (
    achievement_id uuid not null references achievements (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    member_type varchar(64) not null,
    price_minor bigint not null,
    primary key (achievement_id, member_type)
);
