-- When the diagram was last changed after its latest publication: the console offers to publish
-- those changes as a new version. Null: what runs is what was drawn.
alter table journey add column draft_changed_at timestamptz;
