-- Contacts that turned out to be the same person (identify with both ids, alias) are merged into
-- one. The merged contact's id stays resolvable: journeys it was in still carry it.
create table contact_merge (
    merged_id  uuid primary key,
    into_id    uuid        not null references contact (id) on delete cascade,
    merged_at  timestamptz not null
);
create index contact_merge_into_idx on contact_merge (into_id);
