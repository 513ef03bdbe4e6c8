-- Online payment (Stripe), orders and receipts, discount codes, tax settings and employer seats (docs/payments.md).

-- An organization's own Stripe account: the secret key and the webhook endpoint secret sealed under the master key;
-- only their last characters are ever shown again.
create table stripe_connections (
    organization_id uuid primary key references organizations (id) on delete cascade,
    secret_key_sealed varchar(1000) not null,
    secret_key_hint varchar(8) not null,
    publishable_key varchar(255) not null,
    webhook_secret_sealed varchar(1000) not null,
    webhook_secret_hint varchar(8) not null,
    updated_at timestamp with time zone not null,
    updated_by uuid
);

-- Tax charged on every order of the organization: a rate in basis points (2000 = 20%), included in the price or added.
create table tax_settings (
    organization_id uuid primary key references organizations (id) on delete cascade,
    rate_bps int not null,
    inclusive boolean not null,
    label varchar(40) not null,
    constraint tax_settings_rate_ck check (rate_bps >= 0 and rate_bps <= 10000)
);

-- A code a buyer types at checkout: a percentage or a fixed amount (in one currency) off, with a use limit and expiry.
-- uses counts orders holding the code (pending or paid); an order that expires unpaid gives its use back.
create table discount_codes (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    code varchar(40) not null,
    percent_off int,
    amount_off_minor bigint,
    currency varchar(3),
    max_uses int,
    uses int not null default 0,
    expires_at timestamp with time zone,
    created_at timestamp with time zone not null,
    constraint discount_codes_code_uq unique (organization_id, code),
    constraint discount_codes_kind_ck check ((percent_off is null) <> (amount_off_minor is null))
);
create index discount_codes_list_idx on discount_codes (organization_id, created_at, id);

-- Every purchase: one enrollment, or N seats of a micro-credential for an employer's staff. Paid online (Stripe
-- Checkout) or recorded offline when staff mark an enrollment paid.
create table orders (
    id uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    kind varchar(10) not null,
    method varchar(8) not null,
    state varchar(10) not null,
    state_note varchar(300),
    buyer_user_id uuid,
    buyer_email varchar(254) not null,
    buyer_name varchar(200) not null,
    achievement_id uuid not null references achievements (id) on delete cascade,
    item_name varchar(300) not null,
    enrollment_id uuid references enrollments (id) on delete set null,
    quantity int not null,
    unit_price_minor bigint not null,
    subtotal_minor bigint not null,
    discount_code_id uuid references discount_codes (id) on delete set null,
    discount_code varchar(40),
    discount_minor bigint not null,
    tax_label varchar(40),
    tax_rate_bps int not null,
    tax_inclusive boolean not null,
    tax_minor bigint not null,
    total_minor bigint not null,
    currency varchar(3) not null,
    checkout_session_id varchar(255),
    checkout_url varchar(2000),
    payment_intent_id varchar(255),
    refund_id varchar(255),
    created_at timestamp with time zone not null,
    paid_at timestamp with time zone,
    refunded_at timestamp with time zone,
    constraint orders_session_uq unique (checkout_session_id)
);
create index orders_org_list_idx on orders (organization_id, created_at, id);
create index orders_buyer_list_idx on orders (buyer_user_id, created_at, id);
create index orders_enrollment_idx on orders (enrollment_id, state);
create index orders_intent_idx on orders (organization_id, payment_intent_id);

-- Stripe events already handled, per organization: Stripe retries a delivery, and the same event must act once.
create table stripe_events (
    organization_id uuid not null references organizations (id) on delete cascade,
    event_id varchar(255) not null,
    type varchar(100) not null,
    received_at timestamp with time zone not null,
    primary key (organization_id, event_id)
);

-- The seats of a paid seats order, each assigned to an e-mail address; the invitee accepts with the token's link.
create table order_seats (
    id uuid primary key,
    order_id uuid not null references orders (id) on delete cascade,
    position int not null,
    email varchar(254),
    token_hash varchar(64),
    assigned_at timestamp with time zone,
    accepted_at timestamp with time zone,
    enrollment_id uuid references enrollments (id) on delete set null,
    constraint order_seats_position_uq unique (order_id, position)
);
create unique index order_seats_token_uq on order_seats (token_hash);
