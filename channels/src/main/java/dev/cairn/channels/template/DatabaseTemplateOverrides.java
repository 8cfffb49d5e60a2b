package dev.cairn.channels.template;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Edited templates in PostgreSQL ({@code email_template}), shared by every Cairn replica. */
@Repository
class DatabaseTemplateOverrides implements TemplateOverrides {

  private final JdbcClient jdbc;

  DatabaseTemplateOverrides(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Long> revisions(Collection<String> names) {
    return jdbc
        .sql("select name, revision from email_template where name in (:names)")
        .param("names", names)
        .query((rs, row) -> Map.entry(rs.getString("name"), rs.getLong("revision")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Override
  public Optional<StoredTemplate> find(String name) {
    return jdbc.sql("select * from email_template where name = :name")
        .param("name", name)
        .query(DatabaseTemplateOverrides::row)
        .optional();
  }

  @Override
  public List<StoredTemplate> all() {
    return jdbc.sql("select * from email_template order by name")
        .query(DatabaseTemplateOverrides::row)
        .list();
  }

  @Override
  public void save(String name, String source, String user, Instant at) {
    jdbc.sql(
            """
            insert into email_template (name, source, updated_at, updated_by) values (:name, :source, :at, :user)
            on conflict (name) do update
              set source = excluded.source, revision = nextval('email_template_revision'),
                  updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
        .param("name", name)
        .param("source", source)
        .param("at", Timestamp.from(at))
        .param("user", user)
        .update();
  }

  @Override
  public boolean delete(String name) {
    return jdbc.sql("delete from email_template where name = :name").param("name", name).update()
        > 0;
  }

  private static StoredTemplate row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new StoredTemplate(
        rs.getString("name"),
        rs.getString("source"),
        rs.getLong("revision"),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getString("updated_by"));
  }
}
