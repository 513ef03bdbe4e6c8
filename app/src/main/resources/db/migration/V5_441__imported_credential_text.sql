-- The OB 3.0 credential an import holds, as JSON or a compact JWS, for imports whose content is not that text (a
-- baked image, an address): the OB 3.0 API lists every credential in a person's backpack, these included.
alter table imported_credentials add column credential_text text;
