-- Email templates a marketer edited in the console. A row overrides the template of the same
-- name shipped on the classpath; Reset to default deletes it. The revision comes from a
-- sequence so every replica can tell a cached template is stale by comparing one number, even
-- when two saves share a timestamp.
create sequence email_template_revision;
create table email_template (
    name        text primary key,
    source      text        not null,
    revision    bigint      not null default nextval('email_template_revision'),
    updated_at  timestamptz not null,
    updated_by  text        not null
);

-- Test sends from the template editor go through the same transport as journey email, so they
-- are recorded in the ledger too; this says who sent one, and that it is no marketing message
-- (no contact, no journey, counted by no frequency cap).
alter table message add column test_sent_by text;
