package dev.cairn.engine.journey.track;

import dev.cairn.engine.contact.ContactId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers "how many are at each node", "who is at node N" and "where is contact X". */
@Service
@Transactional(readOnly = true)
public class JourneyTracking {

  /** Elements a contact can be "at": the process itself and flow plumbing are left out. */
  private static final String NODE_TYPES =
      "element_type not in ('PROCESS', 'SEQUENCE_FLOW', 'EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'INCLUSIVE_GATEWAY')";

  /** {@link #NODE_TYPES} for the element instances of a query that names them {@code ei}. */
  private static final String NODE_TYPES_OF_EI =
      NODE_TYPES.replace("element_type", "ei.element_type");

  private final JdbcClient jdbc;

  JourneyTracking(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Per-node counts over all versions of the journey. */
  public List<NodeCount> nodeCounts(String journeyId) {
    return jdbc.sql(
            "select element_id,"
                + " count(*) filter (where state = 'ACTIVE') as now,"
                + " count(*) filter (where state = 'COMPLETED') as passed,"
                + " count(*) filter (where state = 'TERMINATED') as dropped"
                + " from element_instance where bpmn_process_id = :journey and "
                + NODE_TYPES
                + " group by element_id order by element_id")
        .param("journey", journeyId)
        .query(
            (rs, row) ->
                new NodeCount(
                    rs.getString("element_id"),
                    rs.getLong("now"),
                    rs.getLong("passed"),
                    rs.getLong("dropped")))
        .list();
  }

  /** Contacts at a node now, longest waiting first. */
  public List<ContactAtNode> contactsAt(String journeyId, String elementId, int limit) {
    return jdbc.sql(
            """
            select c.id, c.external_id, c.email, c.first_name, c.last_name, ei.activated_at
            from element_instance ei
            join enrollment e on e.process_instance_key = ei.process_instance_key
            join contact c on c.id = e.contact_id
            where ei.bpmn_process_id = :journey and ei.element_id = :element and ei.state = 'ACTIVE'
            order by ei.activated_at
            limit :limit
            """)
        .param("journey", journeyId)
        .param("element", elementId)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new ContactAtNode(
                    new ContactId(rs.getObject("id", UUID.class)),
                    rs.getString("external_id"),
                    rs.getString("email"),
                    fullName(rs.getString("first_name"), rs.getString("last_name")),
                    rs.getTimestamp("activated_at").toInstant()))
        .list();
  }

  /** Every journey instance of the contact, newest first, with the nodes it is at now. */
  public List<JourneyPosition> positions(ContactId contact) {
    return jdbc.sql(
            "select e.journey_id, e.version, e.process_instance_key, e.started_at, p.ended_at,"
                + " array(select ei.element_id from element_instance ei"
                + "       where ei.process_instance_key = e.process_instance_key and ei.state = 'ACTIVE' and "
                + NODE_TYPES_OF_EI
                + "       order by ei.activated_at) as current_elements"
                + " from enrollment e"
                + " left join element_instance p on p.element_instance_key = e.process_instance_key"
                + " where e.contact_id = :contact"
                + " order by e.started_at desc")
        .param("contact", contact.value())
        .query(
            (rs, row) ->
                new JourneyPosition(
                    rs.getString("journey_id"),
                    rs.getInt("version"),
                    rs.getLong("process_instance_key"),
                    rs.getTimestamp("started_at").toInstant(),
                    instant(rs.getTimestamp("ended_at")),
                    Arrays.asList((String[]) rs.getArray("current_elements").getArray())))
        .list();
  }

  /**
   * The nodes the contact passed through in all journeys, in order, across moves to newer versions
   * (each node with the version it was passed on).
   */
  public List<ElementVisit> path(ContactId contact) {
    return jdbc.sql(
            "select e.journey_id, ei.version, ei.element_id, ei.element_type, ei.state, ei.activated_at, ei.ended_at"
                + " from enrollment e"
                + " join element_instance ei on ei.process_instance_key = e.process_instance_key"
                + " where e.contact_id = :contact and "
                + NODE_TYPES_OF_EI
                + " order by ei.activated_at, ei.element_instance_key")
        .param("contact", contact.value())
        .query(JourneyTracking::visit)
        .list();
  }

  /** The nodes one journey instance passed through, in order (a test run's steps, say). */
  public List<ElementVisit> pathOf(long processInstanceKey) {
    return jdbc.sql(
            "select bpmn_process_id as journey_id, version, element_id, element_type, state, activated_at, ended_at"
                + " from element_instance where process_instance_key = :instance and element_instance_key <> :instance and "
                + NODE_TYPES
                + " order by activated_at, element_instance_key")
        .param("instance", processInstanceKey)
        .query(JourneyTracking::visit)
        .list();
  }

  private static ElementVisit visit(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new ElementVisit(
        rs.getString("journey_id"),
        rs.getInt("version"),
        rs.getString("element_id"),
        rs.getString("element_type"),
        rs.getString("state"),
        rs.getTimestamp("activated_at").toInstant(),
        instant(rs.getTimestamp("ended_at")));
  }

  /** When a journey instance ended, if it has. */
  public Optional<Instant> endOf(long processInstanceKey) {
    return jdbc.sql(
            "select ended_at from element_instance where element_instance_key = :instance and ended_at is not null")
        .param("instance", processInstanceKey)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /** Contacts currently inside the journey (any node). */
  /** Steps that stopped and need a person, oldest first. */
  public List<OpenIncident> openIncidents(int limit) {
    return jdbc.sql(
            """
            select i.incident_key, i.job_key, i.bpmn_process_id, i.element_id, i.error_type, i.error_message, i.created_at,
                   c.id as contact_id, c.first_name, c.last_name, c.email, c.external_id
            from incident i
            left join enrollment e on e.process_instance_key = i.process_instance_key
            left join contact c on c.id = e.contact_id
            where i.state = 'OPEN'
            order by i.created_at
            limit :limit
            """)
        .param("limit", limit)
        .query(
            (rs, row) -> {
              UUID contact = rs.getObject("contact_id", UUID.class);
              String name = fullName(rs.getString("first_name"), rs.getString("last_name"));
              return new OpenIncident(
                  rs.getLong("incident_key"),
                  rs.getLong("job_key"),
                  rs.getString("bpmn_process_id"),
                  rs.getString("element_id"),
                  contact == null ? null : new ContactId(contact),
                  contact == null
                      ? null
                      : displayName(name, rs.getString("email"), rs.getString("external_id")),
                  rs.getString("error_type"),
                  rs.getString("error_message"),
                  rs.getTimestamp("created_at").toInstant());
            })
        .list();
  }

  public long activeContacts(String journeyId) {
    return jdbc.sql(
            """
            select count(*) from element_instance
            where bpmn_process_id = :journey and element_type = 'PROCESS' and state = 'ACTIVE'
            """)
        .param("journey", journeyId)
        .query(Long.class)
        .single();
  }

  /** Full name, else email, else user id. */
  private static String displayName(
      String name, @Nullable String email, @Nullable String externalId) {
    if (!name.isEmpty()) {
      return name;
    }
    if (email != null) {
      return email;
    }
    return externalId == null ? "" : externalId;
  }

  private static String fullName(@Nullable String first, @Nullable String last) {
    return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
