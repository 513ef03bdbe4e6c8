-- Why staff refunded (docs/payments.md): the API's refunds take a reason, the staff page's may leave it out.
alter table refunds add column reason varchar(500);
