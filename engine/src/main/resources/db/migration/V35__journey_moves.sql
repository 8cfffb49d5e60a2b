-- What moving a contact who is at a wait to a newer journey version needs, and what it leaves.
-- The engine (Zeebe 8.5) cannot move waits itself, so Cairn starts the contact on the new
-- version at the same wait, with the variables the instance had and the moment its wait ends.

-- Written by the exporter: each running journey instance's variables (its process scope), as
-- JSON. Removed when the instance ends.
create table instance_variable (
    process_instance_key  bigint not null,
    name                  text   not null,
    value                 text   not null,
    primary key (process_instance_key, name)
);

-- Written by the exporter: when each timer of a running journey instance is due. The element
-- instance is the wait's (for a wait for an event, its gateway's); the target is the timer event.
-- Removed when the instance ends.
create table instance_timer (
    element_instance_key  bigint      not null,
    target_element_id     text        not null,
    process_instance_key  bigint      not null,
    due_at                timestamptz not null,
    primary key (element_instance_key, target_element_id)
);
create index instance_timer_process_idx on instance_timer (process_instance_key);

-- One row per move of a waiting contact: the instance left behind and the one that carries on.
-- A move is written down ('pending', with what the new instance starts with) before the old
-- instance is stopped, so a move cut short by a crash is finished at the next start instead of
-- leaving the contact nowhere. Once 'done', to_instance_key names the instance running now, so a
-- contact's path can be followed across every move. The rows of the instance left behind end in
-- state 'MOVED', not 'TERMINATED': the contact moved, it did not drop out. 'lost': the new
-- version refused to start the contact (the enrollment says why).
create table journey_move (
    from_instance_key  bigint      primary key,
    to_instance_key    bigint,
    journey_id         text        not null,
    from_version       int         not null,
    to_version         int         not null,
    to_definition_key  bigint      not null,
    element_id         text        not null,
    wait_instance_key  bigint      not null,
    state              text        not null check (state in ('pending', 'done', 'lost')),
    variables          text,
    moved_at           timestamptz not null
);
create index journey_move_to_idx on journey_move (to_instance_key);
create index journey_move_pending_idx on journey_move (moved_at) where state = 'pending';
