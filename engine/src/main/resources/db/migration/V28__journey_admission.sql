-- Which journey instance an entry admitted. Starting a journey instance and recording that it
-- started cannot be one transaction (the engine and the database are two systems), so an entry
-- that was started just before Cairn died is started again when its event is handled again.
-- Each instance's first step claims its entry here; the first claim wins and any other instance
-- for the same entry withdraws before it does anything.
create table journey_admission (
    entry_key             text primary key,
    process_instance_key  bigint      not null,
    admitted_at           timestamptz not null
);
