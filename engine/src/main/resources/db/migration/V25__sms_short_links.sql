-- Short links of sent text messages: the code in https://<public-url>/s/<code> and the link it
-- stands for, so a redirect only ever leads to a link the message contained.
create table sms_link (
    code        text        primary key,
    message_id  bigint      not null references message (id) on delete cascade,
    url         text        not null,
    created_at  timestamptz not null
);
create index sms_link_message_idx on sms_link (message_id);
