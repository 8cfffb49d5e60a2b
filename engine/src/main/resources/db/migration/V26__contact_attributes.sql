-- Custom attributes a marketer declared, with the type their values must have. Traits that are
-- not declared are kept as they arrive.
create table contact_attribute (
    name        text        primary key,
    type        text        not null check (type in ('STRING', 'NUMBER', 'BOOLEAN', 'DATE', 'LIST')),
    label       text        not null,
    description text,
    created_at  timestamptz not null default now()
);

-- Date conditions on a trait read its text as a time; text that only looks like one (2026-02-31)
-- counts as no date instead of failing the whole segment.
create function cairn_try_timestamptz(value text) returns timestamptz language plpgsql stable as $$
begin
  return value::timestamptz;
exception when others then
  return null;
end
$$;
