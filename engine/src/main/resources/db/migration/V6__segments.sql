-- Segments: a rule (JSON, see SegmentRule) and the contacts that matched it at the last refresh.
create table segment (
    id            text primary key,
    name          text        not null,
    description   text,
    rule          jsonb       not null,
    built_in      boolean     not null default false,
    member_count  bigint      not null default 0,
    refreshed_at  timestamptz,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create table segment_member (
    segment_id  text        not null references segment (id) on delete cascade,
    contact_id  uuid        not null references contact (id) on delete cascade,
    entered_at  timestamptz not null,
    primary key (segment_id, contact_id)
);
create index segment_member_contact_idx on segment_member (contact_id);

-- "Did X in the last N days" looks events up by contact and name.
create index contact_event_name_idx on contact_event (contact_id, name, occurred_at);
