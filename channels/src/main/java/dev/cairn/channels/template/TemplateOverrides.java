package dev.cairn.channels.template;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where edited templates are kept: each one overrides the shipped template of the same name. */
interface TemplateOverrides {

  /** For tests and tools without a database: only the shipped templates exist. */
  TemplateOverrides NONE =
      new TemplateOverrides() {
        @Override
        public Map<String, Long> revisions(Collection<String> names) {
          return Map.of();
        }

        @Override
        public Optional<StoredTemplate> find(String name) {
          return Optional.empty();
        }

        @Override
        public List<StoredTemplate> all() {
          return List.of();
        }

        @Override
        public void save(String name, String source, String user, Instant at) {
          throw new UnsupportedOperationException("no database to keep edited templates in");
        }

        @Override
        public boolean delete(String name) {
          return false;
        }
      };

  /** The revision of each of these names that has an override; names without one are absent. */
  Map<String, Long> revisions(Collection<String> names);

  Optional<StoredTemplate> find(String name);

  /** Every override, by name. */
  List<StoredTemplate> all();

  /** Writes the override, replacing an earlier one, under a new revision. */
  void save(String name, String source, String user, Instant at);

  /** False when there was no override to delete. */
  boolean delete(String name);
}
