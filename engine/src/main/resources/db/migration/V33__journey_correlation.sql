-- How a journey version's waits are correlated: by the contact's id alone ('contact', every
-- version deployed before this column), or by journey and contact ('journey'), so an event
-- published for the waits of one journey is never caught by another journey's wait.
alter table journey_version add column correlation text not null default 'contact';
