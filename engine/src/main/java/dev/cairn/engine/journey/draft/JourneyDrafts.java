package dev.cairn.engine.journey.draft;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts and the drawings of published versions. A draft never touches what runs: the journey's own
 * diagram changes only when the draft is published.
 */
@Service
public class JourneyDrafts {

  private final JdbcClient jdbc;
  private final Clock clock;

  JourneyDrafts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Optional<Draft> draftOf(String journeyId) {
    return jdbc.sql(
            "select journey_id, source_xml, saved_at, saved_by from journey_draft where journey_id = :id")
        .param("id", journeyId)
        .query(
            (rs, row) ->
                new Draft(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getString(4)))
        .optional();
  }

  /** Saves the draft; saving the same diagram again changes nothing. */
  @Transactional
  public Draft save(String journeyId, String sourceXml, String user) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            """
            insert into journey_draft (journey_id, source_xml, saved_at, saved_by) values (:id, :xml, :now, :user)
            on conflict (journey_id) do update set source_xml = excluded.source_xml, saved_at = excluded.saved_at, saved_by = excluded.saved_by
            where journey_draft.source_xml <> excluded.source_xml
            """)
        .param("id", journeyId)
        .param("xml", sourceXml)
        .param("now", now)
        .param("user", user)
        .update();
    return draftOf(journeyId).orElseThrow();
  }

  @Transactional
  public void discard(String journeyId) {
    jdbc.sql("delete from journey_draft where journey_id = :id").param("id", journeyId).update();
  }

  /** Keeps the drawing of a version just published, and who published it. */
  @Transactional
  public void published(String journeyId, int version, String sourceXml, String user) {
    jdbc.sql(
            """
            insert into journey_publication (journey_id, version, source_xml, published_at, published_by)
            values (:id, :version, :xml, :now, :user) on conflict (journey_id, version) do nothing
            """)
        .param("id", journeyId)
        .param("version", version)
        .param("xml", sourceXml)
        .param("now", Timestamp.from(clock.instant()))
        .param("user", user)
        .update();
    discard(journeyId);
  }

  /** Every version published, newest first. */
  @Transactional(readOnly = true)
  public List<Publication> history(String journeyId) {
    return jdbc.sql(
            """
            select v.version, coalesce(p.published_at, v.deployed_at), p.published_by, p.source_xml is not null
            from journey_version v left join journey_publication p on p.journey_id = v.journey_id and p.version = v.version
            where v.journey_id = :id order by v.version desc
            """)
        .param("id", journeyId)
        .query(
            (rs, row) ->
                new Publication(
                    journeyId,
                    rs.getInt(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3),
                    rs.getBoolean(4)))
        .list();
  }

  /** The diagram as drawn for a published version, when the designer kept it. */
  @Transactional(readOnly = true)
  public Optional<String> drawingOf(String journeyId, int version) {
    return jdbc.sql(
            "select source_xml from journey_publication where journey_id = :id and version = :version")
        .param("id", journeyId)
        .param("version", version)
        .query(String.class)
        .optional();
  }

  /** The drawing of the newest published version the designer kept. */
  @Transactional(readOnly = true)
  public Optional<String> latestDrawing(String journeyId) {
    return jdbc.sql(
            """
            select p.source_xml from journey_publication p
            where p.journey_id = :id and p.version = (select max(version) from journey_version where journey_id = :id)
            """)
        .param("id", journeyId)
        .query(String.class)
        .optional();
  }
}
