-- Why and when a contact was taken out of a journey by a person (a stopped journey).
alter table enrollment add column exited_at timestamptz;
alter table enrollment add column exit_reason text;
