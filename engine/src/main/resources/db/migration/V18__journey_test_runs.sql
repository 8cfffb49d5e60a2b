-- Test runs: one contact through a journey's test-run process, waits fast-forwarded and nothing
-- sent. Kept apart from enrolments so a test never counts as the contact being in the journey.
create table journey_test_run (
    id                    bigserial primary key,
    journey_id            text        not null references journey (id) on delete cascade,
    contact_id            uuid        not null references contact (id) on delete cascade,
    process_instance_key  bigint unique,
    awaited_events        text[]      not null default '{}',
    started_by            text        not null,
    started_at            timestamptz not null
);
create index journey_test_run_journey_idx on journey_test_run (journey_id, started_at desc);
