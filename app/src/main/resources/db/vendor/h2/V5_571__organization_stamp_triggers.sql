-- Sets organizations.issuer_keys_stamp / catalog_stamp (V5_570) on every write to issuer_keys, achievements and
-- achievement_versions, in the writing transaction (H2 runs triggers as Java: see OrganizationStampTrigger; the
-- PostgreSQL migration of the same number does it in PL/pgSQL).
create trigger issuer_keys_stamp after insert, update, delete on issuer_keys
    for each row call 'io.guildmark.app.organizations.OrganizationStampTrigger';
create trigger achievements_catalog_stamp after insert, update, delete on achievements
    for each row call 'io.guildmark.app.organizations.OrganizationStampTrigger';
create trigger achievement_versions_catalog_stamp after insert, update, delete on achievement_versions
    for each row call 'io.guildmark.app.organizations.OrganizationStampTrigger';
