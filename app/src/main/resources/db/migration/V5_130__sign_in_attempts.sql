-- Failed sign-ins per (address typed, client address), and per client address across all accounts (account = '').
-- They delay further attempts from that client only; no account is ever locked (see docs/security/accounts.md).
create table sign_in_attempts (
    account varchar(254) not null,
    client varchar(64) not null,
    failures int not null,
    last_failure_at timestamp with time zone not null,
    constraint sign_in_attempts_pk primary key (account, client)
);
create index sign_in_attempts_last_failure_idx on sign_in_attempts (last_failure_at);

-- The old per-address lock let anyone lock the owner out; its counts are dropped with it.
drop table sign_in_failures;
