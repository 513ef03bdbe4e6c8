-- Priced pathways, orders for pathways, partial refunds and the buyer's member type on orders (docs/payments.md,
-- docs/reports.md).

-- A pathway's prices, in the currency's minor unit, like a micro-credential's: members, non-members and per member
-- type (the roster's member_type, compared without case). No price at all: starting is free.
alter table pathways add column member_price_minor bigint;
alter table pathways add column non_member_price_minor bigint;
alter table pathways add column currency varchar(3);
create table pathway_member_type_prices (
    pathway_id uuid not null references pathways (id) on delete cascade,
    organization_id uuid not null references organizations (id) on delete cascade,
    member_type varchar(64) not null,
    price_minor bigint not null,
    primary key (pathway_id, member_type)
);

-- A learner's place on a priced pathway is paid (by an order confirmed by Stripe, or held before the price was set);
-- the capstone of a priced pathway waits for it.
alter table pathway_learners add column paid boolean default false not null;

-- An order is for a micro-credential (an enrollment, seats) or for a pathway.
alter table orders alter column achievement_id drop not null;
alter table orders add column pathway_id uuid references pathways (id) on delete cascade;
-- The member type that priced the order (as on enrollments), for revenue by member type.
alter table orders add column buyer_member boolean;
alter table orders add column buyer_member_type varchar(64);
-- What went back so far: a partial refund leaves the order paid with this below the total; a full one makes it refunded.
alter table orders add column refunded_minor bigint default 0 not null;
create index orders_revenue_idx on orders (organization_id, paid_at);
create index orders_pathway_idx on orders (pathway_id, buyer_user_id, state);

-- Every refund, whole or partial, dated: the revenue report subtracts it in the month it was made.
create table refunds (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    order_id uuid not null references orders (id) on delete cascade,
    amount_minor bigint not null,
    currency varchar(3) not null,
    stripe_refund_id varchar(255),
    refunded_at timestamp with time zone not null,
    refunded_by uuid,
    constraint refunds_amount_ck check (amount_minor > 0)
);
create index refunds_org_idx on refunds (organization_id, refunded_at);
create index refunds_order_idx on refunds (order_id);

-- Orders refunded before this release were refunded whole.
update orders set refunded_minor = total_minor where state = 'refunded';
insert into refunds (id, organization_id, order_id, amount_minor, currency, stripe_refund_id, refunded_at)
select id, organization_id, id, total_minor, currency, refund_id, coalesce(refunded_at, paid_at, created_at)
from orders where state = 'refunded' and total_minor > 0;
