-- The messages of one journey instance: what "engaged with an earlier step" branches look up, and
-- what moving a waiting contact hands over to the new instance. Without it each of these read the
-- whole message table.
create index message_instance_idx on message (process_instance_key, element_id);
