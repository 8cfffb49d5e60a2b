-- Several dispatchers take events at once, but only each contact's oldest pending one.
create index contact_event_pending_contact_idx on contact_event (contact_id, id) where processed_at is null;
