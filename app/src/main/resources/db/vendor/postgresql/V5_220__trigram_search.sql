-- PostgreSQL only (db/vendor/{vendor}): staff searches for words anywhere in a recipient's name or e-mail or the
-- micro-credential's name look up a trigram index instead of reading every award of the organization.
-- pg_trgm ships with PostgreSQL and is a trusted extension (the database's owner may create it). Where it cannot be
-- created, the migration still succeeds and searches keep working, by scanning.
do $$
begin
    create extension if not exists pg_trgm;
exception when others then
    raise notice 'pg_trgm could not be created (%); staff searches will scan the organization''s rows', sqlerrm;
end
$$;

do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index if not exists awards_search_idx on awards using gin (
            lower(recipient_name) gin_trgm_ops, lower(recipient_email) gin_trgm_ops, lower(achievement_name) gin_trgm_ops);
    end if;
end
$$;
