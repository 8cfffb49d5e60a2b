package dev.cairn.ui.api;

import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IngestResult;
import dev.cairn.ui.writekey.WriteKey;
import dev.cairn.ui.writekey.WriteKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Segment-compatible event endpoints ({@code /v1/track, identify, page, screen, group, alias,
 * batch}); the write key was checked before the call reaches them (see {@code
 * dev.cairn.ui.writekey}).
 */
@RestController
@RequestMapping(
    path = "/v1",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class EventApiController {

  private static final Logger log = LoggerFactory.getLogger(EventApiController.class);

  private final EventIngestion ingestion;
  private final Consents consents;
  private final JsonMapper json;
  private final SegmentPayload payload;
  private final int maxEventBytes;
  private final SizeLimit eventLimit;
  private final SizeLimit batchLimit;
  private final TransactionTemplate transactions;
  private final RejectedCalls rejectedCalls;

  EventApiController(
      EventIngestion ingestion,
      Consents consents,
      JsonMapper json,
      Clock clock,
      ApiProperties properties,
      PlatformTransactionManager transactionManager,
      RejectedCalls rejectedCalls) {
    this.ingestion = ingestion;
    this.rejectedCalls = rejectedCalls;
    this.transactions = new TransactionTemplate(transactionManager);
    this.consents = consents;
    this.json = json;
    this.payload = new SegmentPayload(json, clock, properties.futureTolerance());
    this.maxEventBytes = (int) properties.maxEventSize().toBytes();
    this.eventLimit =
        new SizeLimit(maxEventBytes, "event-too-large", "Event too large", "An event");
    this.batchLimit =
        new SizeLimit(
            (int) properties.maxBatchSize().toBytes(),
            "batch-too-large",
            "Batch too large",
            "A batch");
  }

  @PostMapping("/track")
  ResponseEntity<?> track(HttpServletRequest request) throws IOException {
    return receive(EventType.TRACK, request);
  }

  @PostMapping("/identify")
  ResponseEntity<?> identify(HttpServletRequest request) throws IOException {
    return receive(EventType.IDENTIFY, request);
  }

  @PostMapping("/page")
  ResponseEntity<?> page(HttpServletRequest request) throws IOException {
    return receive(EventType.PAGE, request);
  }

  @PostMapping("/screen")
  ResponseEntity<?> screen(HttpServletRequest request) throws IOException {
    return receive(EventType.SCREEN, request);
  }

  @PostMapping("/group")
  ResponseEntity<?> group(HttpServletRequest request) throws IOException {
    return receive(EventType.GROUP, request);
  }

  @PostMapping("/alias")
  ResponseEntity<?> alias(HttpServletRequest request) throws IOException {
    return receive(EventType.ALIAS, request);
  }

  /**
   * Many calls in one request, as Segment's libraries send them. Each call is checked on its own:
   * the good ones are stored, together, and the answer says what happened to every one.
   */
  @PostMapping("/batch")
  ResponseEntity<?> batch(HttpServletRequest request) throws IOException {
    return switch (read(request, batchLimit)) {
      case Body.Refused refused -> refused.answer();
      case Body.Read read -> receiveBatch(read);
    };
  }

  private ResponseEntity<?> receive(EventType type, HttpServletRequest request) throws IOException {
    return switch (read(request, eventLimit)) {
      case Body.Refused refused -> refused.answer();
      case Body.Read read -> receiveCall(type, read);
    };
  }

  private ResponseEntity<?> receiveCall(EventType type, Body.Read read) {
    String endpoint = "/v1/" + type.name().toLowerCase(java.util.Locale.ROOT);
    var nul = NulCharacters.find(read.root());
    if (nul.isPresent()) {
      return rejected(read, endpoint, List.of(nul.get()));
    }
    return switch (payload.read(type, read.root())) {
      case SegmentPayload.Parsed.Invalid invalid -> rejected(read, endpoint, invalid.errors());
      case SegmentPayload.Parsed.Valid valid -> {
        IngestResult result = store(valid);
        yield result instanceof IngestResult.Rejected refused
            ? rejected(read, endpoint, FieldError.fromTraits(refused.problems()))
            : answer(result, valid.warnings());
      }
    };
  }

  /** Answers a refused call with what to fix, and keeps it for the console's Rejected calls. */
  private ResponseEntity<?> rejected(Body.Read read, String endpoint, List<FieldError> errors) {
    rejectedCalls.record(read.writeKey(), endpoint, errors, json.writeValueAsString(read.root()));
    return ApiProblem.answer(ApiProblem.invalid(errors));
  }

  private ResponseEntity<?> receiveBatch(Body.Read read) {
    JsonNode root = read.root();
    JsonNode items = root.isObject() ? root.get("batch") : null;
    if (items == null || !items.isArray() || items.isEmpty()) {
      return rejected(
          read,
          "/v1/batch",
          List.of(new FieldError("/batch", "batch must be a non-empty array of calls")));
    }
    JsonNode sharedContext = root.get("context");
    if (sharedContext != null) {
      // The shared context is every call's: one NUL in it leaves no call that could be stored.
      var nul = NulCharacters.find(sharedContext);
      if (nul.isPresent()) {
        FieldError error = nul.get();
        return rejected(
            read,
            "/v1/batch",
            List.of(
                new FieldError(
                    "/context" + (error.field().equals("/") ? "" : error.field()),
                    error.message())));
      }
    }
    List<BatchResult> results =
        inOneTransaction(
            together -> receiveBatchItems(items, sharedContext, read.writeKey(), together));
    long rejected = results.stream().filter(result -> result.status().equals("rejected")).count();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", rejected == 0);
    answer.put(
        "stored", results.stream().filter(result -> result.status().equals("stored")).count());
    answer.put(
        "duplicates",
        results.stream().filter(result -> result.status().equals("duplicate")).count());
    answer.put("rejected", rejected);
    answer.put("results", results);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  /**
   * Stores a batch's calls in one transaction: one commit, so one wait for the disk, and a handful
   * of statements for up to a hundred calls instead of several each. Should it collide with a
   * concurrent transaction that locks the same contacts in the opposite order, none of it was kept,
   * and each call is then stored in a transaction of its own.
   */
  private List<BatchResult> inOneTransaction(Function<Boolean, List<BatchResult>> receive) {
    try {
      return transactions.execute(status -> receive.apply(true));
    } catch (PessimisticLockingFailureException e) {
      log.debug("A batch collided with a concurrent transaction; storing its calls one by one", e);
      return receive.apply(false);
    }
  }

  private List<BatchResult> receiveBatchItems(
      JsonNode items,
      @Nullable JsonNode sharedContext,
      @Nullable WriteKey writeKey,
      boolean together) {
    BatchResult[] results = new BatchResult[items.size()];
    List<Integer> valid = new ArrayList<>();
    List<SegmentPayload.Parsed.Valid> calls = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      switch (readBatchItem(index, items.get(index), sharedContext)) {
        case BatchItem.Refused refused -> results[index] = refused.result();
        case BatchItem.Call call -> {
          valid.add(index);
          calls.add(call.valid());
        }
      }
    }
    List<IngestResult> stored =
        together
            ? storeAll(calls)
            : calls.stream().map(call -> storeAll(List.of(call)).getFirst()).toList();
    for (int k = 0; k < valid.size(); k++) {
      results[valid.get(k)] = BatchResult.of(valid.get(k), stored.get(k), calls.get(k).warnings());
    }
    for (int index = 0; index < results.length; index++) {
      if (results[index].errors() != null) {
        rejectedCalls.record(
            writeKey,
            "/v1/batch [" + index + "]",
            results[index].errors(),
            json.writeValueAsString(items.get(index)));
      }
    }
    return List.of(results);
  }

  /** One call of a batch: read and ready to store, or refused with why. */
  private sealed interface BatchItem {
    record Call(SegmentPayload.Parsed.Valid valid) implements BatchItem {}

    record Refused(BatchResult result) implements BatchItem {}
  }

  private BatchItem readBatchItem(int index, JsonNode item, @Nullable JsonNode sharedContext) {
    List<FieldError> errors = new ArrayList<>();
    if (!item.isObject()) {
      return refused(index, List.of(new FieldError("/", "each call must be a JSON object")));
    }
    var nul = NulCharacters.find(item);
    if (nul.isPresent()) {
      return refused(index, List.of(nul.get()));
    }
    if (json.writeValueAsBytes(item).length > maxEventBytes) {
      return refused(
          index,
          List.of(new FieldError("/", "a call may be at most " + maxEventBytes / 1024 + " KB")));
    }
    EventType type = SegmentPayload.type(item, errors);
    if (type == null) {
      return refused(index, errors);
    }
    JsonNode call = item;
    if (sharedContext != null && sharedContext.isObject() && !item.has("context")) {
      call = ((ObjectNode) item.deepCopy()).set("context", sharedContext);
    }
    return switch (payload.read(type, call)) {
      case SegmentPayload.Parsed.Invalid invalid -> refused(index, invalid.errors());
      case SegmentPayload.Parsed.Valid valid -> new BatchItem.Call(valid);
    };
  }

  private static BatchItem refused(int index, List<FieldError> errors) {
    return new BatchItem.Refused(BatchResult.rejected(index, errors));
  }

  /** Stores the calls together, then the consent each states, as {@link #store} does for one. */
  private List<IngestResult> storeAll(List<SegmentPayload.Parsed.Valid> calls) {
    List<IngestResult> results =
        ingestion.ingestAll(calls.stream().map(SegmentPayload.Parsed.Valid::event).toList());
    for (int k = 0; k < calls.size(); k++) {
      recordConsent(calls.get(k), results.get(k));
    }
    return results;
  }

  /** Stores the call, then the consent it states (once per call: a retry states nothing new). */
  private IngestResult store(SegmentPayload.Parsed.Valid valid) {
    IngestResult result = ingestion.ingest(valid.event());
    recordConsent(valid, result);
    return result;
  }

  /** The consent a call states, recorded for the contact it reached if it was stored. */
  private void recordConsent(SegmentPayload.Parsed.Valid call, IngestResult result) {
    if (result instanceof IngestResult.Accepted accepted) {
      call.consent()
          .forEach(
              (channel, status) -> consents.record(accepted.contactId(), channel, status, "api"));
    }
  }

  /** A request body that passed the size and JSON checks, or the answer refusing it. */
  private sealed interface Body {
    record Read(JsonNode root, @Nullable WriteKey writeKey) implements Body {}

    record Refused(ResponseEntity<?> answer) implements Body {}
  }

  /** How large a request may be, and the problem answering one that is larger. */
  private record SizeLimit(int bytes, String slug, String title, String what) {
    ProblemDetail problem() {
      return ApiProblem.of(
          HttpStatus.CONTENT_TOO_LARGE,
          slug,
          title,
          what
              + " may be at most "
              + bytes / 1024
              + " KB; split it into several requests or leave large data out.");
    }
  }

  private Body read(HttpServletRequest request, SizeLimit limit) throws IOException {
    WriteKey key = WriteKeys.of(request).orElse(null);
    byte[] body = readAtMost(request, limit.bytes());
    String endpoint = request.getRequestURI();
    if (body.length > limit.bytes()) {
      ProblemDetail problem = limit.problem();
      recordRefused(key, endpoint, problem, body);
      return new Body.Refused(ApiProblem.answer(problem));
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      ProblemDetail problem =
          ApiProblem.of(
              HttpStatus.BAD_REQUEST,
              "malformed-json",
              "Malformed JSON",
              "The body is not valid JSON ("
                  + e.getOriginalMessage()
                  + "). Send one JSON object per call.");
      recordRefused(key, endpoint, problem, body);
      return new Body.Refused(ApiProblem.answer(problem));
    }
    return new Body.Read(root, key);
  }

  /**
   * Keeps a body refused whole for the console, when a valid key sent it (a key in the body of a
   * body that cannot be read is unknown, and strangers' junk is not kept).
   */
  private void recordRefused(
      @Nullable WriteKey key, String endpoint, ProblemDetail problem, byte[] body) {
    if (key == null) {
      return;
    }
    String start =
        new String(
            body, 0, Math.min(body.length, RejectedCalls.EXCERPT_CHARS), StandardCharsets.UTF_8);
    rejectedCalls.record(
        key, endpoint, List.of(new FieldError("/", String.valueOf(problem.getDetail()))), start);
  }

  private static ResponseEntity<?> answer(IngestResult result, List<FieldError> callWarnings) {
    if (result instanceof IngestResult.Rejected rejected) {
      return ApiProblem.answer(ApiProblem.invalid(FieldError.fromTraits(rejected.problems())));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    switch (result) {
      case IngestResult.Accepted accepted -> {
        answer.put("contactId", accepted.contactId().toString());
        answer.put("eventId", accepted.eventId());
        answer.put("duplicate", false);
        List<FieldError> warnings = new ArrayList<>(callWarnings);
        warnings.addAll(FieldError.fromTraits(accepted.warnings()));
        if (!warnings.isEmpty()) {
          answer.put("warnings", warnings);
        }
      }
      case IngestResult.Duplicate duplicate -> answer.put("duplicate", true);
      case IngestResult.Rejected rejected -> throw new IllegalStateException("answered above");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  /** Reads the body, stopping one byte past the limit so an oversized body is never held whole. */
  private static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
    if (request.getContentLengthLong() > limit) {
      return new byte[limit + 1];
    }
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(limit + 1);
    }
  }
}
