-- The VC-JWT form of a credential is signed when it is first asked for, with the issuer's RSA key of the moment of
-- issue (kept here), so an award costs one signature instead of two.
alter table awards add column jwt_key_id varchar(100);
alter table awards alter column jwt drop not null;
