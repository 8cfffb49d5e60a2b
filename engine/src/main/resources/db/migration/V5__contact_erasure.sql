-- Proof that an erasure request was carried out, holding nothing about the person but the
-- random id Cairn had given them.
create table contact_erasure (
    contact_id        uuid primary key,
    erased_at         timestamptz not null,
    events            bigint      not null,
    messages          bigint      not null,
    journeys_stopped  int         not null
);
