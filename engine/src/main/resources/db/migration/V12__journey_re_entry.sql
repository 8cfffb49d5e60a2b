-- Who may enter a journey again: once ever, one at a time (the default), every time; and the
-- least time between two entries of the same contact.
alter table journey add column re_entry text not null default 'ONE_AT_A_TIME';
alter table journey add column re_entry_gap_seconds bigint;
