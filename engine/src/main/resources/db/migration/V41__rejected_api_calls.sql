-- Event API calls Cairn refused, with why, so a developer wiring a site sees what was dropped:
-- senders drop a call answered 4xx (or a rejected call of a 200 batch) without retrying it.
-- Bounded by the application: the newest 1,000 per write key, none older than 30 days.

create table api_rejected_call (
    id            bigserial   primary key,
    write_key_id  bigint      references api_write_key (id) on delete cascade,
    received_at   timestamptz not null,
    endpoint      text        not null,
    field         text,
    reason        text        not null,
    call_excerpt  text        not null
);

create index api_rejected_call_by_key on api_rejected_call (write_key_id, id desc);
create index api_rejected_call_by_time on api_rejected_call (received_at);
