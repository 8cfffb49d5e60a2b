package dev.cairn.engine.imports;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProperties;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventRecorded;
import dev.cairn.engine.list.ContactLists;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports contacts from CSV in batches of {@value #BATCH} rows, each batch one transaction: rows
 * are normalised like API traits (emails, E.164 phones, time zones), matched to existing contacts
 * by the chosen key with one query per batch, then updated and inserted with batched statements. A
 * row that cannot be imported is reported with its reason and the rest go on.
 */
@Service
public class ContactImport {

  static final int BATCH = 1000;
  private static final int PREVIEW_ROWS = 5;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batches;
  private final TransactionTemplate transaction;
  private final JsonMapper json;
  private final ContactProperties contactProperties;
  private final Consents consents;
  private final ContactLists lists;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private final Attributes attributes;

  ContactImport(
      JdbcClient jdbc,
      NamedParameterJdbcTemplate batches,
      TransactionTemplate transaction,
      JsonMapper json,
      ContactProperties contactProperties,
      Consents consents,
      ContactLists lists,
      ApplicationEventPublisher publisher,
      Clock clock,
      Attributes attributes) {
    this.attributes = attributes;
    this.consents = consents;
    this.lists = lists;
    this.publisher = publisher;
    this.jdbc = jdbc;
    this.batches = batches;
    this.transaction = transaction;
    this.json = json;
    this.contactProperties = contactProperties;
    this.clock = clock;
  }

  /** The file's columns, what they seem to hold, and its first rows. */
  public Inspection inspect(InputStream csv) {
    try (CSVParser parser = CsvSource.open(csv)) {
      List<String> headers = parser.getHeaderNames();
      if (headers.isEmpty()) {
        throw new InvalidImportException(
            "The file has no header row. The first row must name the columns (email, first name, ...).");
      }
      refuseNulInHeader(headers);
      List<List<String>> preview = new ArrayList<>();
      Iterator<CSVRecord> records = parser.iterator();
      while (records.hasNext() && preview.size() < PREVIEW_ROWS) {
        preview.add(records.next().toList());
      }
      return new Inspection(headers, headers.stream().map(ColumnMapping::guess).toList(), preview);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      throw new InvalidImportException(
          "The file is not readable as CSV: " + e.getCause().getMessage());
    }
  }

  /**
   * Imports the file. Checks the plan against the header first: a file that does not match is
   * refused before any contact is touched. {@code progress} hears the rows done after each batch.
   */
  public ImportReport run(
      InputStream csv, String fileName, ImportPlan plan, LongConsumer progress) {
    return importRows(csv, fileName, plan, (counts, rejected) -> progress.accept(counts.rows));
  }

  /**
   * Imports a file that can be read twice: first its rows are counted, so {@code progress} hears
   * how far the import is of the whole (before the first batch, then after each).
   */
  public ImportReport run(
      Path file, String fileName, ImportPlan plan, Consumer<ImportProgress> progress) {
    long total;
    try (InputStream in = Files.newInputStream(file)) {
      total = countRows(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.accept(new ImportProgress(0, total, 0, 0, 0));
    try (InputStream in = Files.newInputStream(file)) {
      return importRows(
          in,
          fileName,
          plan,
          // Never fewer than read: a file that grew between the two readings still ends at 100%.
          (counts, rejected) ->
              progress.accept(
                  new ImportProgress(
                      counts.rows,
                      Math.max(total, counts.rows),
                      counts.created,
                      counts.updated,
                      rejected)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Data rows as the import reads them: a quoted value may span lines, and blank lines do not
   * count.
   */
  private static long countRows(InputStream csv) {
    try (CSVParser parser = CsvSource.open(csv)) {
      long rows = 0;
      for (Iterator<CSVRecord> records = parser.iterator(); records.hasNext(); records.next()) {
        rows++;
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      throw new InvalidImportException(
          "The file is not readable as CSV: " + e.getCause().getMessage());
    }
  }

  private static void refuseNulInHeader(List<String> headers) {
    for (int column = 0; column < headers.size(); column++) {
      if (headers.get(column).indexOf('\0') >= 0) {
        throw new InvalidImportException(
            "Column "
                + (column + 1)
                + " of the header row contains a NUL character, which cannot be stored; remove it"
                + " from the file.");
      }
    }
  }

  /** Hears the counts after each batch. */
  private interface BatchDone {
    void after(Counts counts, long rejected);
  }

  private ImportReport importRows(
      InputStream csv, String uploadedName, ImportPlan plan, BatchDone progress) {
    Instant started = clock.instant();
    String fileName = uploadedName.replace("\0", "");
    if (plan.listId() != null && !lists.exists(plan.listId())) {
      throw new InvalidImportException(
          "There is no list \""
              + plan.listId()
              + "\" to add the contacts to; pick one under Lists.");
    }
    try (CSVParser parser = CsvSource.open(csv)) {
      Map<ImportTarget, Integer> fields = new HashMap<>();
      Map<String, Integer> traits = new LinkedHashMap<>();
      List<String> headers = parser.getHeaderNames();
      refuseNulInHeader(headers);
      for (ColumnMapping column : plan.columns()) {
        int index = headers.indexOf(column.header());
        if (index < 0) {
          throw new InvalidImportException(
              "The file has no column \""
                  + column.header()
                  + "\"; its columns are "
                  + headers
                  + ".");
        }
        switch (column.target()) {
          case TRAIT -> traits.put(column.traitName(), index);
          case IGNORE -> {}
          default -> fields.put(column.target(), index);
        }
      }
      RowReader reader =
          new RowReader(
              headers,
              fields,
              traits,
              plan.key(),
              contactProperties.defaultPhoneRegion(),
              attributes.schema());
      Counts counts = new Counts();
      List<ImportReport.RejectedRow> rejected = new ArrayList<>();
      List<ImportRow> batch = new ArrayList<>(BATCH);
      ImportRun run =
          new ImportRun(
              UUID.randomUUID().toString(), fileName, plan.source(), journeysStartOnImport());
      for (CSVRecord record : parser) {
        counts.rows++;
        reader
            .read(record.getRecordNumber() + 1, record.toList())
            .ifPresentOrElse(batch::add, () -> rejected.add(reader.lastRejection()));
        if (batch.size() == BATCH) {
          importBatch(batch, plan, counts, rejected, run);
          batch.clear();
          progress.after(counts, rejected.size());
        }
      }
      importBatch(batch, plan, counts, rejected, run);
      progress.after(counts, rejected.size());
      long id = record(fileName, plan, counts, rejected.size(), started);
      return new ImportReport(id, counts.rows, counts.created, counts.updated, rejected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      throw new InvalidImportException(
          "The file stopped being readable as CSV: " + e.getCause().getMessage());
    }
  }

  private static final class Counts {
    long rows;
    long created;
    long updated;
  }

  /**
   * One run of an import, named in the events it records; {@code announce}: some running journey
   * starts on "Contact Imported", so the contacts it creates get that event.
   */
  private record ImportRun(String id, String fileName, String source, boolean announce) {}

  /**
   * Like every event no journey can use, a Contact Imported nobody starts on is not recorded at
   * all.
   */
  private boolean journeysStartOnImport() {
    return jdbc.sql(
            "select exists(select 1 from journey where status = 'PUBLISHED' and trigger_event = :event)")
        .param("event", IMPORTED)
        .query(Boolean.class)
        .single();
  }

  /** The event journeys start on for contacts an import added ({@code cairn:trigger-event}). */
  public static final String IMPORTED = "Contact Imported";

  private void importBatch(
      List<ImportRow> rows,
      ImportPlan plan,
      Counts counts,
      List<ImportReport.RejectedRow> rejected,
      ImportRun run) {
    DedupeKey key = plan.key();
    if (rows.isEmpty()) {
      return;
    }
    transaction.executeWithoutResult(
        status -> {
          Map<String, ImportRow> byKey = new LinkedHashMap<>();
          for (ImportRow row : rows) {
            // The same person twice in the file: the later row adds to the earlier one.
            byKey.merge(row.key(), row, ImportRow::then);
            if (byKey.get(row.key()) != row) {
              counts.updated++;
            }
          }
          Map<String, UUID> existing = existing(key, byKey.keySet());
          Map<String, UUID> userIds = ownersOfUserIds(byKey.values());
          Instant now = clock.instant();
          List<MapSqlParameterSource> updates = new ArrayList<>();
          List<MapSqlParameterSource> inserts = new ArrayList<>();
          Set<String> claimedUserIds = new HashSet<>();
          for (ImportRow row : byKey.values()) {
            UUID contact = existing.get(row.key());
            String userId = row.traits().externalId();
            if (userId != null) {
              UUID owner = userIds.get(userId);
              if ((owner != null && !owner.equals(contact)) || !claimedUserIds.add(userId)) {
                rejected.add(row.rejected("user id \"" + userId + "\" belongs to another contact"));
                continue;
              }
            }
            MapSqlParameterSource values =
                row.parameters(json, now)
                    .addValue("id", contact == null ? UUID.randomUUID() : contact);
            if (contact == null) {
              inserts.add(values);
            } else {
              updates.add(values);
            }
          }
          batches.batchUpdate(
              """
          update contact set external_id = coalesce(:externalId, external_id), email = coalesce(:email, email),
              phone = coalesce(:phone, phone), first_name = coalesce(:firstName, first_name),
              last_name = coalesce(:lastName, last_name), time_zone = coalesce(:timeZone, time_zone),
              locale = coalesce(:locale, locale), traits = traits || cast(:traits as jsonb), updated_at = :now
          where id = :id
          """,
              updates.toArray(MapSqlParameterSource[]::new));
          batches.batchUpdate(
              """
          insert into contact (id, external_id, email, phone, first_name, last_name, time_zone, locale, traits, created_at, updated_at)
          values (:id, :externalId, :email, :phone, :firstName, :lastName, :timeZone, :locale, cast(:traits as jsonb), :now, :now)
          """,
              inserts.toArray(MapSqlParameterSource[]::new));
          counts.updated += updates.size();
          counts.created += inserts.size();
          recordImported(inserts, run, now);
          if (plan.emailConsent() != null) {
            List<UUID> imported = new ArrayList<>();
            updates.forEach(values -> imported.add((UUID) values.getValue("id")));
            inserts.forEach(values -> imported.add((UUID) values.getValue("id")));
            consents.recordAll(
                imported, ConsentChannel.EMAIL, plan.emailConsent(), "import: " + plan.source());
          }
          if (plan.listId() != null) {
            List<UUID> imported = new ArrayList<>(updates.size() + inserts.size());
            updates.forEach(values -> imported.add((UUID) values.getValue("id")));
            inserts.forEach(values -> imported.add((UUID) values.getValue("id")));
            lists.addAll(plan.listId(), imported, "import: " + plan.source());
          }
        });
  }

  /**
   * A "Contact Imported" event for each contact the import created, in the batch's transaction
   * (when a running journey starts on it), so journeys can welcome them (filtered by source, e.g.
   * {@code source=Trade fair}). Contacts that already existed were added before and get none.
   */
  private void recordImported(List<MapSqlParameterSource> inserts, ImportRun run, Instant now) {
    if (inserts.isEmpty() || !run.announce()) {
      return;
    }
    String properties =
        json.writeValueAsString(Map.of("source", run.source(), "file", run.fileName()));
    MapSqlParameterSource[] events =
        inserts.stream()
            .map(
                contact ->
                    new MapSqlParameterSource()
                        .addValue("messageId", "import:" + run.id() + ":" + contact.getValue("id"))
                        .addValue("contact", contact.getValue("id"))
                        .addValue("name", IMPORTED)
                        .addValue("properties", properties)
                        .addValue("now", Timestamp.from(now)))
            .toArray(MapSqlParameterSource[]::new);
    batches.batchUpdate(
        """
        insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at)
        values (:messageId, :contact, 'TRACK', :name, cast(:properties as jsonb), :now, :now)
        on conflict (message_id) do nothing
        """,
        events);
    // Wakes the event dispatcher once the batch commits; it takes every pending event from there.
    publisher.publishEvent(
        new EventRecorded(0, new ContactId((UUID) inserts.getLast().getValue("id"))));
  }

  private Map<String, UUID> existing(DedupeKey key, Set<String> keys) {
    String sql =
        switch (key) {
          case EMAIL ->
              "select lower(email) as k, id from contact where lower(email) in (:keys) order by created_at";
          case PHONE ->
              "select phone as k, id from contact where phone in (:keys) order by created_at";
          case EXTERNAL_ID ->
              "select external_id as k, id from contact where external_id in (:keys)";
        };
    Map<String, UUID> found = new HashMap<>();
    jdbc.sql(sql)
        .param("keys", keys)
        .query((rs, row) -> found.putIfAbsent(rs.getString("k"), rs.getObject("id", UUID.class)))
        .list();
    return found;
  }

  private Map<String, UUID> ownersOfUserIds(java.util.Collection<ImportRow> rows) {
    Set<String> userIds = new HashSet<>();
    rows.forEach(
        row -> {
          String userId = row.traits().externalId();
          if (userId != null) {
            userIds.add(userId);
          }
        });
    Map<String, UUID> owners = new HashMap<>();
    if (!userIds.isEmpty()) {
      jdbc.sql("select external_id, id from contact where external_id in (:ids)")
          .param("ids", userIds)
          .query(
              (rs, row) -> owners.put(rs.getString("external_id"), rs.getObject("id", UUID.class)))
          .list();
    }
    return owners;
  }

  private long record(
      String fileName, ImportPlan plan, Counts counts, int rejected, Instant started) {
    return jdbc.sql(
            """
            insert into contact_import (file_name, source, dedupe_key, rows, created, updated, rejected, started_at, finished_at)
            values (:file, :source, :key, :rows, :created, :updated, :rejected, :started, :finished)
            returning id
            """)
        .param("file", fileName)
        .param("source", plan.source())
        .param("key", plan.key().name())
        .param("rows", counts.rows)
        .param("created", counts.created)
        .param("updated", counts.updated)
        .param("rejected", rejected)
        .param("started", Timestamp.from(started))
        .param("finished", Timestamp.from(clock.instant()))
        .query(Long.class)
        .single();
  }

  /** Reads one CSV record into a row, or remembers why it cannot be imported. */
  private static final class RowReader {
    private final List<String> headers;
    private final int columns;
    private final Map<ImportTarget, Integer> fields;
    private final Map<String, Integer> traits;
    private final DedupeKey key;
    private final @Nullable String phoneRegion;
    private final AttributeSchema schema;
    private ImportReport.@Nullable RejectedRow rejection;

    RowReader(
        List<String> headers,
        Map<ImportTarget, Integer> fields,
        Map<String, Integer> traits,
        DedupeKey key,
        @Nullable String phoneRegion,
        AttributeSchema schema) {
      this.headers = headers;
      this.columns = headers.size();
      this.schema = schema;
      this.fields = fields;
      this.traits = traits;
      this.key = key;
      this.phoneRegion = phoneRegion;
    }

    java.util.Optional<ImportRow> read(long line, List<String> values) {
      if (values.size() != columns) {
        return reject(line, values, "has " + values.size() + " values, the header has " + columns);
      }
      // PostgreSQL cannot store NUL in text: the row alone is refused, not the whole batch.
      for (int column = 0; column < values.size(); column++) {
        if (values.get(column).indexOf('\0') >= 0) {
          return reject(
              line,
              values.stream().map(value -> value.replace('\0', '\u2400')).toList(),
              "column \""
                  + headers.get(column)
                  + "\" contains a NUL character (shown as \u2400), which cannot be stored;"
                  + " remove it from the file");
        }
      }
      Map<String, Object> custom = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> trait : traits.entrySet()) {
        String name = trait.getKey();
        String value = values.get(trait.getValue());
        if (value.isEmpty()) {
          continue;
        }
        if (schema.typeOf(name).isEmpty()) {
          custom.put(name, typed(value));
          continue;
        }
        // A declared attribute reads the cell as its type: "a, b" is a list, "2026-03-01" a date.
        switch (schema.convert(name, value)) {
          case AttributeType.Conversion.Converted converted -> custom.put(name, converted.value());
          case AttributeType.Conversion.Refused refused -> {
            return reject(line, values, refused.reason());
          }
        }
      }
      Traits raw =
          new Traits(
              field(values, ImportTarget.EMAIL),
              field(values, ImportTarget.PHONE),
              field(values, ImportTarget.FIRST_NAME),
              field(values, ImportTarget.LAST_NAME),
              field(values, ImportTarget.TIME_ZONE),
              field(values, ImportTarget.LOCALE),
              custom);
      Traits.Checked checked = raw.check(phoneRegion);
      String externalId = field(values, ImportTarget.EXTERNAL_ID);
      String keyValue =
          switch (key) {
            case EMAIL ->
                checked.traits().email() == null
                    ? null
                    : checked.traits().email().toLowerCase(Locale.ROOT);
            case PHONE -> checked.traits().phone();
            case EXTERNAL_ID -> externalId;
          };
      if (keyValue == null) {
        String given = field(values, key.column());
        return reject(
            line,
            values,
            given == null
                ? "no " + key.label().toLowerCase(Locale.ROOT) + " (contacts are matched by it)"
                : checked.problems().stream()
                    .filter(p -> p.trait().equals(key == DedupeKey.EMAIL ? "email" : "phone"))
                    .map(p -> p.message().split(";")[0])
                    .findFirst()
                    .orElse("invalid " + key.label().toLowerCase(Locale.ROOT)));
      }
      return java.util.Optional.of(
          new ImportRow(
              line, values, keyValue, new ImportRow.Values(externalId, checked.traits())));
    }

    ImportReport.RejectedRow lastRejection() {
      return java.util.Objects.requireNonNull(rejection);
    }

    private java.util.Optional<ImportRow> reject(long line, List<String> values, String reason) {
      rejection = new ImportReport.RejectedRow(line, reason, values);
      return java.util.Optional.empty();
    }

    private @Nullable String field(List<String> values, ImportTarget target) {
      Integer index = fields.get(target);
      if (index == null) {
        return null;
      }
      String value = values.get(index);
      return value.isEmpty() ? null : value;
    }

    /** Numbers and true/false become typed attributes, so segments can compare them. */
    private static Object typed(String value) {
      if (value.matches("-?\\d{1,15}")) {
        return Long.parseLong(value);
      }
      if (value.matches("-?\\d{1,15}\\.\\d{1,10}")) {
        return new java.math.BigDecimal(value);
      }
      if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value);
      }
      return value;
    }
  }
}
