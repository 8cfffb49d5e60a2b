-- Console accounts for a team: each with a role, an email to reach them, and a switch an admin
-- turns off. Accounts that exist already were the one admin. A new account without a role gets
-- the one that changes nothing.
alter table app_user
    add column role        text    not null default 'MANAGER' check (role in ('ADMIN', 'MARKETER', 'MANAGER')),
    add column email       text,
    add column active      boolean not null default true,
    add column invited_by  text;

update app_user set role = 'ADMIN';

-- A one-time link with which an invited person sets their own password; only its hash is kept.
create table app_user_invite (
    token_hash  text primary key,
    username    text        not null references app_user (username) on delete cascade,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
