-- The Open Badges 3.0 API (Host role): Spring Authorization Server's JDBC tables, adapted to run on H2 and PostgreSQL
-- alike (blob -> varchar without a length, which both read and write as text; timestamps with time zone), and the
-- authorization server's own token signing key.
create table oauth2_registered_client (
    id varchar(100) not null primary key,
    client_id varchar(100) not null,
    client_id_issued_at timestamp with time zone default current_timestamp not null,
    client_secret varchar(200),
    client_secret_expires_at timestamp with time zone,
    client_name varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types varchar(1000) not null,
    redirect_uris varchar(1000),
    post_logout_redirect_uris varchar(1000),
    scopes varchar(1000) not null,
    client_settings varchar(2000) not null,
    token_settings varchar(2000) not null
);
create unique index oauth2_registered_client_id_idx on oauth2_registered_client (client_id);

-- What a registering client said about itself (RFC 7591), shown on the consent page and the connected apps page.
create table oauth2_client_details (
    registered_client_id varchar(100) primary key references oauth2_registered_client (id) on delete cascade,
    client_uri varchar(500),
    logo_uri varchar(500),
    tos_uri varchar(500),
    policy_uri varchar(500),
    registered_from varchar(64) not null,
    registered_at timestamp with time zone not null
);
create index oauth2_client_details_from_idx on oauth2_client_details (registered_from, registered_at);

create table oauth2_authorization (
    id varchar(100) not null primary key,
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorization_grant_type varchar(100) not null,
    authorized_scopes varchar(1000),
    attributes varchar,
    state varchar(500),
    authorization_code_value varchar,
    authorization_code_issued_at timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata varchar,
    access_token_value varchar,
    access_token_issued_at timestamp with time zone,
    access_token_expires_at timestamp with time zone,
    access_token_metadata varchar,
    access_token_type varchar(100),
    access_token_scopes varchar(1000),
    oidc_id_token_value varchar,
    oidc_id_token_issued_at timestamp with time zone,
    oidc_id_token_expires_at timestamp with time zone,
    oidc_id_token_metadata varchar,
    refresh_token_value varchar,
    refresh_token_issued_at timestamp with time zone,
    refresh_token_expires_at timestamp with time zone,
    refresh_token_metadata varchar,
    user_code_value varchar,
    user_code_issued_at timestamp with time zone,
    user_code_expires_at timestamp with time zone,
    user_code_metadata varchar,
    device_code_value varchar,
    device_code_issued_at timestamp with time zone,
    device_code_expires_at timestamp with time zone,
    device_code_metadata varchar
);
create index oauth2_authorization_principal_idx on oauth2_authorization (principal_name, registered_client_id);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorities varchar(1000) not null,
    granted_at timestamp with time zone default current_timestamp not null,
    primary key (registered_client_id, principal_name)
);

-- The RSA key that signs access tokens, encrypted with the master key, so tokens survive restarts and every node
-- accepts every other node's tokens. One row; the first node to start creates it.
create table oauth2_signing_keys (
    id varchar(100) primary key,
    private_key varchar(10000) not null,
    created_at timestamp with time zone not null
);
