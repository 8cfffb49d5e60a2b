-- Property values a trigger event must have for the journey to start ({"plan": "Pro"}).
alter table journey add column trigger_filter jsonb not null default '{}'::jsonb;
