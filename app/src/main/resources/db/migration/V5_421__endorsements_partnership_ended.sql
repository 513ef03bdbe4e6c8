-- An endorsement leaves the association's pages and its new credentials while the employer is no longer its partner
-- (docs/endorsements.md, "When a partnership ends"); it is not revoked, and shows again if the partnership resumes.
alter table endorsements add column partnership_ended_at timestamp with time zone;
