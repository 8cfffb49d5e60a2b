-- What a contact's orders add up to, kept current as "Order Completed" events arrive, and their
-- RFM scores (1-5 among customers), recomputed with the segments.
alter table contact add column order_count    int           not null default 0;
alter table contact add column total_revenue  numeric(14,2) not null default 0;
alter table contact add column first_order_at timestamptz;
alter table contact add column last_order_at  timestamptz;
alter table contact add column rfm_recency    smallint;
alter table contact add column rfm_frequency  smallint;
alter table contact add column rfm_monetary   smallint;

-- Where a contact is in their life as a customer. Depends on the time, so it is computed when
-- asked, never stored.
-- visitor: no email yet; subscriber: an email, no order; lead: a subscriber active in the last
-- 30 days; then customers by order count, unless their last order is long ago.
create function cairn_lifecycle_stage(order_count int, last_order_at timestamptz, email text, last_seen_at timestamptz)
returns text language sql stable as $$
  select case
    when order_count = 0 and email is null then 'visitor'
    when order_count = 0 and last_seen_at >= now() - interval '30 days' then 'lead'
    when order_count = 0 then 'subscriber'
    when last_order_at < now() - interval '180 days' then 'lapsed'
    when last_order_at < now() - interval '90 days' then 'at-risk'
    when order_count = 1 then 'first-time customer'
    when order_count < 5 then 'repeat customer'
    else 'loyal customer'
  end
$$;
