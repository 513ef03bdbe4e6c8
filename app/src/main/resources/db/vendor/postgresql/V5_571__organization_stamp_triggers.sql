-- Sets organizations.issuer_keys_stamp / catalog_stamp (V5_570) on every write to issuer_keys, achievements and
-- achievement_versions, in the writing transaction: no write path can forget it. Setting a non-key column takes the
-- organization row's "for no key update" lock, which does not wait for (nor block) the "for key share" lock an award's
-- insert takes on it for its foreign key.

create function organization_issuer_keys_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        update organizations set issuer_keys_stamp = nextval('organization_stamps') where id = old.organization_id;
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.organization_id is distinct from old.organization_id) then
        update organizations set issuer_keys_stamp = nextval('organization_stamps') where id = new.organization_id;
    end if;
    return null;
end $$;

create trigger issuer_keys_stamp after insert or update or delete on issuer_keys
    for each row execute function organization_issuer_keys_changed();

create function organization_achievements_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        update organizations set catalog_stamp = nextval('organization_stamps') where id = old.organization_id;
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.organization_id is distinct from old.organization_id) then
        update organizations set catalog_stamp = nextval('organization_stamps') where id = new.organization_id;
    end if;
    return null;
end $$;

create trigger achievements_catalog_stamp after insert or update or delete on achievements
    for each row execute function organization_achievements_changed();

-- A version's organization is its micro-credential's; when the micro-credential itself is being deleted (a cascade),
-- its row is gone and its own trigger has set the stamp already.
create function organization_achievement_versions_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        update organizations set catalog_stamp = nextval('organization_stamps')
         where id = (select organization_id from achievements where id = old.achievement_id);
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.achievement_id is distinct from old.achievement_id) then
        update organizations set catalog_stamp = nextval('organization_stamps')
         where id = (select organization_id from achievements where id = new.achievement_id);
    end if;
    return null;
end $$;

create trigger achievement_versions_catalog_stamp after insert or update or delete on achievement_versions
    for each row execute function organization_achievement_versions_changed();
