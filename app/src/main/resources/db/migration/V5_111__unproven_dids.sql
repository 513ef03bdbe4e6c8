-- DIDs linked before proof of control was asked for are kept, unproven: they count nowhere until their owner proves
-- them on the account page. (One DID per account before, so the account's id serves as the row's.)
insert into account_dids (id, user_id, did, created_at)
    select id, id, did, created_at from users where did is not null;
alter table users drop column did;

-- Badges imported because they named such an unproven DID stop counting until checked again after the proof.
update imported_credentials set verified = false,
    verdict = 'Not counted: this badge names your DID, which you have not yet proven you control. Prove it on your account page, then check the badge again.'
    where recipient_match = 'did';
