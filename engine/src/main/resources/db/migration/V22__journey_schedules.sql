-- Journeys that contacts enter on a schedule (cron, in each contact's time zone), optionally only
-- the members of a segment; and each firing, claimed once per journey, time zone and time so two
-- Cairn replicas or a restart never enter the same contacts twice for it.
alter table journey add column trigger_schedule text;
alter table journey add column trigger_segment text;

create table journey_schedule_firing (
    journey_id  text        not null references journey (id) on delete cascade,
    time_zone   text        not null,
    fired_at    timestamptz not null,
    entered     int,
    claimed_at  timestamptz not null,
    primary key (journey_id, time_zone, fired_at)
);
