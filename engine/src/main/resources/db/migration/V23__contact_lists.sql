-- Lists: named audiences a marketer manages by hand, by import or from a journey step
-- ("Newsletter", "Beta testers"), unlike segments, whose members follow from conditions.
create table contact_list (
    id          text        primary key,
    name        text        not null,
    description text,
    created_at  timestamptz not null default now()
);
-- Names are compared as people read them: "Newsletter" and "newsletter " are one list.
create unique index contact_list_name_idx on contact_list (lower(btrim(name)));

create table contact_list_member (
    list_id    text        not null references contact_list (id) on delete cascade,
    contact_id uuid        not null references contact (id) on delete cascade,
    added_at   timestamptz not null default now(),
    source     text        not null,
    primary key (list_id, contact_id)
);
-- "Lists of this contact" on the contact page and the erasure of a contact.
create index contact_list_member_contact_idx on contact_list_member (contact_id);
