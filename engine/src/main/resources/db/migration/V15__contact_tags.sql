-- Tags marketers and journeys put on contacts ("vip", "webinar-2026"), for segments and branches.
alter table contact add column tags text[] not null default '{}';
create index contact_tags_idx on contact using gin (tags);
