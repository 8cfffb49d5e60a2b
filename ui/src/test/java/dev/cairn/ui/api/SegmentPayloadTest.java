package dev.cairn.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SegmentPayloadTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final JsonMapper json = JsonMapper.builder().build();
  private final SegmentPayload payload = new SegmentPayload(json, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void a_segment_track_call_becomes_an_event_with_its_traits_and_timestamp() {
    var parsed =
        read(
            EventType.TRACK,
            """
            {"userId":"u-42","event":"Signed Up","messageId":"m-1","timestamp":"2026-11-20T08:30:00+01:00",
             "properties":{"plan":"Pro"},"traits":{"email":"ann@example.com","firstName":"Ann","vip":true}}
            """);

    IncomingEvent event = ((SegmentPayload.Parsed.Valid) parsed).event();
    assertThat(event.messageId()).isEqualTo("m-1");
    assertThat(event.identity().userId()).isEqualTo("u-42");
    assertThat(event.name()).isEqualTo("Signed Up");
    assertThat(event.properties()).containsEntry("plan", "Pro");
    assertThat(event.traits().email()).isEqualTo("ann@example.com");
    assertThat(event.traits().firstName()).isEqualTo("Ann");
    assertThat(event.traits().custom()).containsEntry("vip", true);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-20T07:30:00Z"));
  }

  @Test
  void traits_sent_in_the_context_are_used_as_segment_libraries_do() {
    var parsed =
        read(
            EventType.TRACK,
            "{\"anonymousId\":\"a-1\",\"event\":\"Viewed\",\"context\":{\"traits\":{\"email\":\"b@example.com\"}}}");

    IncomingEvent event = ((SegmentPayload.Parsed.Valid) parsed).event();
    assertThat(event.traits().email()).isEqualTo("b@example.com");
    assertThat(event.occurredAt()).isEqualTo(NOW);
    assertThat(event.messageId()).isNotBlank();
  }

  @Test
  void the_senders_clock_is_corrected_with_sentAt_as_segment_does() {
    // The sender's clock is 2 hours fast: it stamped the call at 11:58 and sent it at 12:00.
    var parsed =
        read(
            EventType.TRACK,
            "{\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"2026-11-23T11:58:00Z\",\"sentAt\":\"2026-11-23T12:00:00Z\"}");

    assertThat(((SegmentPayload.Parsed.Valid) parsed).event().occurredAt())
        .isEqualTo(NOW.minusSeconds(120));
  }

  @Test
  void rudderstacks_originalTimestamp_is_read_when_there_is_no_timestamp() {
    var parsed =
        read(
            EventType.TRACK,
            "{\"userId\":\"u-1\",\"event\":\"E\",\"originalTimestamp\":\"2026-11-23T09:00:00Z\",\"sentAt\":\"2026-11-23T09:00:05Z\"}");

    assertThat(((SegmentPayload.Parsed.Valid) parsed).event().occurredAt())
        .isEqualTo(NOW.minusSeconds(5));
  }

  @Test
  void a_time_far_in_the_future_is_stored_as_the_receive_time_with_a_warning() {
    for (String future :
        java.util.List.of(
            "9999-12-31T00:00:00Z", "+10000-01-01T00:00:00Z", "2026-11-23T10:06:00Z")) {
      var parsed =
          read(EventType.IDENTIFY, "{\"userId\":\"u-1\",\"timestamp\":\"" + future + "\"}");

      SegmentPayload.Parsed.Valid valid = (SegmentPayload.Parsed.Valid) parsed;
      assertThat(valid.event().occurredAt()).as(future).isEqualTo(NOW);
      assertThat(valid.warnings())
          .singleElement()
          .satisfies(
              warning -> {
                assertThat(warning.field()).isEqualTo("/timestamp");
                assertThat(warning.message()).contains("more than 5 minutes in the future");
              });
    }
  }

  @Test
  void a_time_a_little_ahead_of_cairns_clock_is_kept() {
    var parsed =
        read(
            EventType.TRACK,
            "{\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"2026-11-23T10:04:00Z\"}");

    assertThat(((SegmentPayload.Parsed.Valid) parsed).event().occurredAt())
        .isEqualTo(Instant.parse("2026-11-23T10:04:00Z"));
  }

  @Test
  void every_problem_in_a_payload_is_reported_at_once() {
    var parsed =
        read(
            EventType.TRACK,
            "{\"userId\":{\"id\":1},\"event\":42,\"properties\":[1],\"timestamp\":\"yesterday\"}");

    assertThat(((SegmentPayload.Parsed.Invalid) parsed).errors())
        .extracting(FieldError::field)
        .containsExactly("/userId", "/event", "/properties", "/timestamp");
  }

  @Test
  void a_call_without_userId_or_anonymousId_says_one_is_required() {
    var parsed = read(EventType.IDENTIFY, "{\"traits\":{\"email\":\"c@example.com\"}}");

    assertThat(((SegmentPayload.Parsed.Invalid) parsed).errors())
        .containsExactly(
            new FieldError(
                "/userId", "either userId or anonymousId is required to know who this is about"));
  }

  private SegmentPayload.Parsed read(EventType type, String body) {
    return payload.read(type, json.readTree(body));
  }
}
