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
