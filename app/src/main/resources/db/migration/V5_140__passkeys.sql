-- Passkeys (WebAuthn), in the tables Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository read and write (their column names and types, so the library's SQL runs unchanged).
-- BYTEA is PostgreSQL's binary type and an alias of BINARY VARYING in H2. A user entity's name is the account's
-- e-mail address (the user name Spring Security signs in with).
create table user_entities (
    id varchar(1000) not null,
    name varchar(254) not null,
    display_name varchar(254),
    primary key (id),
    constraint user_entities_name_uq unique (name)
);

create table user_credentials (
    credential_id varchar(1000) not null,
    user_entity_user_id varchar(1000) not null,
    public_key bytea not null,
    signature_count bigint,
    uv_initialized boolean,
    backup_eligible boolean not null,
    authenticator_transports varchar(1000),
    public_key_credential_type varchar(100),
    backup_state boolean not null,
    attestation_object bytea,
    attestation_client_data_json bytea,
    created timestamp,
    last_used timestamp,
    label varchar(1000) not null,
    primary key (credential_id)
);
create index user_credentials_user_idx on user_credentials (user_entity_user_id);
