-- Write keys get a scope (what they may call), a last-used time and can be revoked.
-- The keys that exist already could do everything: they become server keys, as does a key
-- inserted without a scope.
alter table api_write_key
    add column scope        text        not null default 'SERVER' check (scope in ('SOURCE', 'SERVER')),
    add column last_used_at timestamptz,
    add column revoked_at   timestamptz;
