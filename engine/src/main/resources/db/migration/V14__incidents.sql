-- Written by the exporter: journey steps that stopped and need a person (a step out of retries,
-- a path that could not be chosen), open until someone retries them.
create table incident (
    incident_key          bigint primary key,
    partition_id          int         not null,
    process_instance_key  bigint      not null,
    bpmn_process_id       text        not null,
    element_id            text        not null,
    element_instance_key  bigint      not null,
    job_key               bigint      not null,
    error_type            text        not null,
    error_message         text        not null,
    state                 text        not null,
    created_at            timestamptz not null,
    resolved_at           timestamptz
);
create index incident_open_idx on incident (bpmn_process_id) where state = 'OPEN';
