-- A micro-credential's public page reads, on every view, the endorsements of its association itself (achievement_id
-- null): without this, that is every endorsement of every one of the association's micro-credentials.
create index endorsements_association_subject_ix on endorsements (association_id, achievement_id);
