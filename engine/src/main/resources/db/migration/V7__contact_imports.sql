-- Every CSV import: which file, where its contacts came from, and what it did.
create table contact_import (
    id          bigserial primary key,
    file_name   text        not null,
    source      text        not null,
    dedupe_key  text        not null,
    rows        bigint      not null,
    created     bigint      not null,
    updated     bigint      not null,
    rejected    bigint      not null,
    started_at  timestamptz not null,
    finished_at timestamptz not null
);
