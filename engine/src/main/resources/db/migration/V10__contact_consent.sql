-- Consent per contact and channel, with its source ("api", "import: Trade fair sheet",
-- "console: admin", "unsubscribe link") and time. Changes are also contact events.
create table contact_consent (
    contact_id  uuid        not null references contact (id) on delete cascade,
    channel     text        not null check (channel in ('EMAIL', 'SMS')),
    status      text        not null check (status in ('SUBSCRIBED', 'PENDING', 'UNSUBSCRIBED')),
    source      text        not null,
    changed_at  timestamptz not null,
    primary key (contact_id, channel)
);
