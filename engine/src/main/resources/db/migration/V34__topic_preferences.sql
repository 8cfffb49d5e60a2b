-- Topics a contact chose not to get email about in the preference centre ("Offers", "Product
-- news"), each with where and when they said so. No row: the contact gets that topic's email.
create table contact_topic_opt_out (
    contact_id uuid        not null references contact (id) on delete cascade,
    topic      text        not null,
    source     text        not null,
    changed_at timestamptz not null,
    primary key (contact_id, topic)
);
