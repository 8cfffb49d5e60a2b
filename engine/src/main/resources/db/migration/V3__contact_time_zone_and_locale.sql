-- Where and in which language a contact lives: waits "until 9:00 in the contact's time zone" and
-- localised templates need them.
alter table contact add column time_zone text;
alter table contact add column locale text;
create index contact_phone_idx on contact (phone);
