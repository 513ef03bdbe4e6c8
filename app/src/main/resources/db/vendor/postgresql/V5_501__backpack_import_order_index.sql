-- PostgreSQL only (H2 has no indexes on expressions).
-- A person's active imports in the OB 3.0 API's order (when issued, else when last checked; newest first by reading
-- backwards), so a page and `since` read only the rows they need however many the person imported.
create index if not exists imported_credentials_listed_idx on imported_credentials (user_id, status, coalesce(issued_at, checked_at), id);
