-- Which translation of its template an email was rendered from (fr-CA, fr), null for the default:
-- the outbox and the message page can show why a contact got the French email.
alter table message add column locale text;

-- Product recommendations read every purchase on each email that shows them; this keeps that to
-- the purchases instead of every event Cairn stored.
create index contact_event_purchase_idx on contact_event (occurred_at) where name = 'Order Completed';
