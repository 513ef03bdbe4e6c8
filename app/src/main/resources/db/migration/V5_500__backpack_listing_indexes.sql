-- The OB 3.0 API lists a person's credentials paged and counted in SQL (openbadgesapi.BackpackListing): the awards
-- accepted in their account, newest first, read from this index alone in order (PostgreSQL reads it backwards), and
-- `since` as a range on it. Imports are found by imported_credentials_user_idx (user_id, status).
create index awards_holder_idx on awards (recipient_user_id, claim_state, issued_at, id);
