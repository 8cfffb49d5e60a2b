-- Journeys run on the embedded engine (its own act_* tables, created by the engine itself).
-- An event for a wait the contact has not reached yet (they are still in the step before it) is
-- kept here for a while and handed over as soon as the wait begins.
create table awaited_event (
    id              bigserial   primary key,
    event_id        bigint,             -- the stored event; none for a test run's
    message_name    text        not null,
    correlation_key text        not null,
    last_event      jsonb       not null,
    kept_until      timestamptz not null,
    unique (event_id, message_name, correlation_key)
);
create index awaited_event_kept_until on awaited_event (kept_until);

-- Moves and entries are now one transaction with the engine: these records of the broker era go.
drop table if exists instance_variable;
drop table if exists instance_timer;
drop table if exists exporter_position;
drop table if exists journey_admission;
drop table if exists journey_move;

-- Schedules and background refreshes run on one replica at a time (ShedLock).
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
