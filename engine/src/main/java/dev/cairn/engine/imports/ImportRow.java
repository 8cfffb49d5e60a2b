package dev.cairn.engine.imports;

import dev.cairn.engine.contact.Traits;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import tools.jackson.databind.json.JsonMapper;

/** A CSV row ready to import: its line, raw values, the key it is matched by, and its values. */
record ImportRow(long line, List<String> raw, String key, Values traits) {

  /** The contact fields a row carries, already normalised. */
  record Values(@Nullable String externalId, Traits traits) {}

  ImportRow {
    raw = List.copyOf(raw);
  }

  /** The same person again later in the file: later values win, earlier ones fill the gaps. */
  ImportRow then(ImportRow later) {
    Traits a = traits.traits();
    Traits b = later.traits.traits();
    Map<String, Object> custom = new LinkedHashMap<>(a.custom());
    custom.putAll(b.custom());
    Traits merged =
        new Traits(
            first(b.email(), a.email()),
            first(b.phone(), a.phone()),
            first(b.firstName(), a.firstName()),
            first(b.lastName(), a.lastName()),
            first(b.timeZone(), a.timeZone()),
            first(b.locale(), a.locale()),
            custom);
    return new ImportRow(
        later.line,
        later.raw,
        key,
        new Values(first(later.traits.externalId(), traits.externalId()), merged));
  }

  ImportReport.RejectedRow rejected(String reason) {
    return new ImportReport.RejectedRow(line, reason, raw);
  }

  MapSqlParameterSource parameters(JsonMapper json, Instant now) {
    Traits values = traits.traits();
    return new MapSqlParameterSource()
        .addValue("externalId", traits.externalId())
        .addValue("email", values.email())
        .addValue("phone", values.phone())
        .addValue("firstName", values.firstName())
        .addValue("lastName", values.lastName())
        .addValue("timeZone", values.timeZone())
        .addValue("locale", values.locale())
        .addValue("traits", json.writeValueAsString(values.custom()))
        .addValue("now", Timestamp.from(now));
  }

  private static @Nullable String first(@Nullable String preferred, @Nullable String fallback) {
    return preferred != null ? preferred : fallback;
  }
}
