-- A learner's own DID (did:key or did:web); credentials awarded to them afterwards name it as their subject.
alter table users add column did varchar(500);
