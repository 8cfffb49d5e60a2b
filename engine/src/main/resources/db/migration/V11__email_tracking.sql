-- Links of sent emails, by position, so a click redirect only ever leads to a link the message
-- contained; secrets Cairn generates for itself.
create table message_link (
    message_id  bigint not null references message (id) on delete cascade,
    position    int    not null,
    url         text   not null,
    primary key (message_id, position)
);

create table app_secret (
    name   text primary key,
    value  text not null
);
