-- The organization's LinkedIn company page id (digits), which LinkedIn's "Add to profile" link takes as organizationId
-- so the certification shows the organization's logo and links to its page.
alter table organizations add column linkedin_organization_id varchar(20);
