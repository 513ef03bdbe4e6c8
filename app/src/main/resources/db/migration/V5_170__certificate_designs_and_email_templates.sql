-- The certificate designer: one design per organization, used for every certificate PDF it issues.
create table certificate_designs (
    organization_id uuid primary key references organizations (id) on delete cascade,
    layout varchar(20) not null default 'classic',
    primary_color varchar(7) not null default '#1c4dd9',
    accent_color varchar(7) not null default '#c9a227',
    logo_key varchar(100),
    signatory_name varchar(200),
    signatory_title varchar(200),
    signature_key varchar(100),
    footer varchar(500),
    updated_at timestamp with time zone not null
);

-- E-mail templates per organization and kind (award, claim reminder, expiry warning, review request); a kind
-- without a row uses the built-in text.
create table email_templates (
    organization_id uuid not null references organizations (id) on delete cascade,
    kind varchar(40) not null,
    subject varchar(300) not null,
    body text not null,
    updated_at timestamp with time zone not null,
    primary key (organization_id, kind)
);

-- The outbox keeps the HTML part of a message sent as text + HTML (null: plain text only).
alter table outbound_emails add column html_body text;
