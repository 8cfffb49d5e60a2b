-- Kept events are offered to their waits oldest-checked first, so a crowd of events whose waits
-- have not begun cannot starve the ones whose waits have.
alter table awaited_event add column checked_at timestamptz not null default now();
create index awaited_event_checked_at on awaited_event (checked_at, id);
