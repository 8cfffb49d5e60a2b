-- Cairn's first schema: contacts and their events, journeys and their versions,
-- enrolments, element tracking (written by the Zeebe exporter), the delivery ledger,
-- API write keys and console users.

create table api_write_key (
    id          bigserial primary key,
    name        text        not null,
    key_hash    text        not null unique,
    created_at  timestamptz not null default now()
);

create table app_user (
    username      text primary key,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);

create table contact (
    id            uuid primary key,
    external_id   text unique,
    anonymous_id  text unique,
    email         text,
    phone         text,
    first_name    text,
    last_name     text,
    traits        jsonb       not null default '{}'::jsonb,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    last_seen_at  timestamptz
);
create index contact_email_idx on contact (lower(email));

create table contact_event (
    id            bigserial primary key,
    message_id    text        not null unique,
    contact_id    uuid        not null references contact (id) on delete cascade,
    type          text        not null,
    name          text,
    properties    jsonb       not null default '{}'::jsonb,
    occurred_at   timestamptz not null,
    received_at   timestamptz not null,
    processed_at  timestamptz,
    -- Why journeys could not act on this event, when that was not a passing outage.
    processing_error text
);
create index contact_event_contact_idx on contact_event (contact_id, occurred_at);
create index contact_event_pending_idx on contact_event (id) where processed_at is null;

create table journey (
    id             text primary key,
    name           text        not null,
    description    text,
    status         text        not null,
    trigger_event  text,
    source_xml     text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create table journey_version (
    journey_id              text        not null references journey (id),
    version                 int         not null,
    process_definition_key  bigint      not null unique,
    deployed_xml            text        not null,
    awaited_events          text[]      not null default '{}',
    deployed_at             timestamptz not null,
    primary key (journey_id, version)
);

create table enrollment (
    process_instance_key  bigint primary key,
    contact_id            uuid        not null references contact (id) on delete cascade,
    journey_id            text        not null references journey (id),
    version               int         not null,
    trigger_event_id      bigint,
    started_at            timestamptz not null
);
create index enrollment_contact_idx on enrollment (contact_id, journey_id);

-- Written by the Zeebe exporter the broker loads: one row per element instance.
create table element_instance (
    element_instance_key    bigint primary key,
    partition_id            int         not null,
    process_instance_key    bigint      not null,
    process_definition_key  bigint      not null,
    bpmn_process_id         text        not null,
    version                 int         not null,
    element_id              text        not null,
    element_type            text        not null,
    flow_scope_key          bigint,
    state                   text        not null,
    activated_at            timestamptz not null,
    ended_at                timestamptz
);
create index element_instance_process_idx on element_instance (process_instance_key);
create index element_instance_node_idx on element_instance (bpmn_process_id, element_id, state);

-- The exporter's high-water mark per partition, committed with the rows it covers.
create table exporter_position (
    partition_id  int primary key,
    position      bigint      not null,
    updated_at    timestamptz not null
);

-- The delivery ledger: written under the job key before a message is handed to its transport.
create table message (
    id                    bigserial primary key,
    job_key               bigint unique,
    contact_id            uuid references contact (id) on delete cascade,
    journey_id            text,
    process_instance_key  bigint,
    element_id            text,
    channel               text        not null,
    recipient             text        not null,
    subject               text,
    body_html             text,
    body_text             text,
    status                text        not null,
    transport             text,
    error                 text,
    created_at            timestamptz not null,
    sent_at               timestamptz
);
create index message_contact_idx on message (contact_id, created_at);
create index message_created_idx on message (created_at desc);
