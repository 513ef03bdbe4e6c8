-- Challenges handed out by POST /challenges that a presentation has answered: each is accepted once on every node
-- (VcApi, verification.SeenChallenges). Only a digest of the challenge is kept, until shortly after it expires.
create table vc_api_answered_challenges (
    challenge_hash varchar(64) primary key,
    expires_at timestamp with time zone not null
);
create index vc_api_answered_challenges_expiry_idx on vc_api_answered_challenges (expires_at);
