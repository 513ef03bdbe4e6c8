-- Claiming binds an award to its recipient (docs/security/claims.md). An award is sent to an e-mail address; only
-- an account that has verified that address may accept (or decline) it. claim_state is pending, accepted or
-- declined; recipient_user_id is the account that decided and claimed_at when; the claim link now expires.
alter table awards add column claim_state varchar(10) default 'pending' not null;
alter table awards add column claim_link_expires_at timestamp with time zone;

-- Data migration, decided on purpose: a claim made before this release by an account that has not verified the
-- award's address is undone. Such a claim was possible with the link alone (finding: anyone signed in who saw the
-- link could take the badge), and nothing tells a rightful claim by a person who never proved the address from a
-- stolen one, so the award goes back to "pending" for whoever proves the address it was sent to. The claim link is
-- kept, so the rightful recipient can still claim with the link they were sent (for 90 days from this migration).
update awards set recipient_user_id = null, claimed_at = null, claim_state = 'pending'
where recipient_user_id is not null
  and not exists (select 1 from user_emails e where e.user_id = awards.recipient_user_id and e.verified_email = awards.recipient_email);
update awards set claim_state = 'accepted' where recipient_user_id is not null;
update awards set claim_link_expires_at = current_timestamp + interval '90' day where claim_token_hash is not null;

create index awards_claim_state_idx on awards (recipient_email, claim_state);
