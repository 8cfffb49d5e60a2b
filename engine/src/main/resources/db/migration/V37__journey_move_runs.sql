-- A move of a journey's contacts to its latest version that is under way, on whichever Cairn runs
-- it: one per journey at a time, and how far it has come (contacts handled of those found), for
-- every console showing the journey. The row goes when the move ends; one not touched for a few
-- minutes belongs to a Cairn that stopped mid-move and may be claimed again.
create table journey_move_run (
    journey_id  text        primary key,
    claim       uuid        not null,
    handled     int         not null,
    total       int         not null,
    updated_at  timestamptz not null
);
