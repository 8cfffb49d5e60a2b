-- What happened to each message (opened, clicked, bounced, unsubscribed) is an event naming the
-- message; the journey page counts them per email step every few seconds, by message id.
create index contact_event_message_idx on contact_event ((properties ->> 'message_id'), name)
    where (properties ->> 'message_id') is not null;
