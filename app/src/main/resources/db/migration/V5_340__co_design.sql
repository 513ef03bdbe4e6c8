-- Co-design: an association shares a draft micro-credential with some of its employer partners, who comment on it in
-- place, propose changes and sign off a revision. Rows go with the draft (a deleted draft leaves nothing behind).

-- Which partners a draft is shared with. Access also needs the partnership to be active at the time of each request.
create table codesign_shares (
    achievement_id uuid not null references achievements (id) on delete cascade,
    employer_id uuid not null references organizations (id) on delete cascade,
    association_id uuid not null references organizations (id) on delete cascade,
    shared_by uuid references users (id) on delete set null,
    shared_at timestamp with time zone not null,
    constraint codesign_shares_pk primary key (achievement_id, employer_id)
);
create index codesign_shares_employer_ix on codesign_shares (employer_id, shared_at);
create index codesign_shares_association_ix on codesign_shares (association_id, shared_at);

-- Comments anchored to a part of the draft; a reply points at its top comment (threads are one level deep).
create table codesign_comments (
    id uuid primary key,
    achievement_id uuid not null references achievements (id) on delete cascade,
    parent_id uuid references codesign_comments (id) on delete cascade,
    anchor varchar(60) not null,
    body varchar(4000) not null,
    author_id uuid references users (id) on delete set null,
    author_name varchar(200) not null,
    organization_id uuid not null references organizations (id) on delete cascade,
    resolved boolean default false not null,
    resolved_by uuid references users (id) on delete set null,
    resolved_at timestamp with time zone,
    created_at timestamp with time zone not null
);
create index codesign_comments_draft_ix on codesign_comments (achievement_id, parent_id, created_at);

create table codesign_mentions (
    comment_id uuid not null references codesign_comments (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    name varchar(200) not null,
    constraint codesign_mentions_pk primary key (comment_id, user_id)
);

-- A partner's proposed new text for one field; base_text is the field as the partner saw it (outdated when it differs).
create table codesign_proposals (
    id uuid primary key,
    achievement_id uuid not null references achievements (id) on delete cascade,
    employer_id uuid not null references organizations (id) on delete cascade,
    field varchar(60) not null,
    base_text varchar(10000) not null,
    proposed_text varchar(10000) not null,
    reason varchar(4000),
    state varchar(10) not null,
    note varchar(4000),
    proposed_by uuid references users (id) on delete set null,
    proposed_at timestamp with time zone not null,
    decided_by uuid references users (id) on delete set null,
    decided_at timestamp with time zone,
    constraint codesign_proposals_state_ck check (state in ('open', 'accepted', 'declined'))
);
create index codesign_proposals_draft_ix on codesign_proposals (achievement_id, proposed_at);

-- A partner signed off one revision (a SHA-256 of the definition and its rubric); a later change leaves it for an earlier one.
create table codesign_signoffs (
    achievement_id uuid not null references achievements (id) on delete cascade,
    employer_id uuid not null references organizations (id) on delete cascade,
    revision_hash varchar(64) not null,
    signed_by uuid references users (id) on delete set null,
    signer_name varchar(200) not null,
    signed_at timestamp with time zone not null,
    constraint codesign_signoffs_pk primary key (achievement_id, employer_id, revision_hash)
);

-- The co-designers of a published version: the partners whose sign-off was for exactly the revision published.
create table codesign_codesigners (
    achievement_id uuid not null references achievements (id) on delete cascade,
    version integer not null,
    employer_id uuid not null references organizations (id) on delete cascade,
    revision_hash varchar(64) not null,
    recorded_at timestamp with time zone not null,
    constraint codesign_codesigners_pk primary key (achievement_id, version, employer_id)
);
