-- How engaged a contact is with email and SMS (0-100), recomputed with the segments from the
-- last 90 days of opens, clicks, bounces, complaints and unsubscribes (see the README).
alter table contact add column engagement_score smallint not null default 0;
