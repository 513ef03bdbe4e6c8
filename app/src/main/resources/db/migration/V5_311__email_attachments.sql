-- One attached file per outgoing message (a PDF receipt of an order), stored with it in the outbox.
alter table outbound_emails add column attachment_name varchar(200);
alter table outbound_emails add column attachment_type varchar(100);
alter table outbound_emails add column attachment bytea;
