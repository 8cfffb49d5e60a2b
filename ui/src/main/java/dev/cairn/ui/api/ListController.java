package dev.cairn.ui.api;

import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ContactReference;
import dev.cairn.engine.list.ContactReferences;
import dev.cairn.engine.list.ListChange;
import dev.cairn.engine.list.ListMember;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists over HTTP ({@code /v1/lists}): the lists with their member counts, creating, renaming and
 * deleting one, paging through its members, and putting contacts on it or taking them off, with the
 * write key as the Basic-auth user name like the event API. Members join and leave as from the
 * console: each change is a List Joined / List Left event journeys can act on.
 */
@RestController
@RequestMapping(
    path = "/v1/lists",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class ListController {

  private static final Logger log = LoggerFactory.getLogger(ListController.class);

  /** Members per page when the caller does not say. */
  static final int DEFAULT_LIMIT = 100;

  /** The most members one page may hold. */
  static final int MOST_PER_PAGE = 1000;

  /** Who changed a membership through the API, as the list page and the events name it. */
  static final String SOURCE = "api";

  private final ContactLists lists;
  private final ContactReferences references;
  private final JsonMapper json;

  ListController(ContactLists lists, ContactReferences references, JsonMapper json) {
    this.lists = lists;
    this.references = references;
    this.json = json;
  }

  @GetMapping
  ResponseEntity<?> all() {
    return ok(Map.of("lists", lists.lists().stream().map(ListController::describe).toList()));
  }

  @PostMapping
  ResponseEntity<?> create(@RequestBody(required = false) @Nullable String body) {
    return withBody(
        body,
        root -> {
          if (!root.isObject() || !root.path("name").isString()) {
            return invalidList(
                "Send a JSON object with the list's \"name\", e.g. {\"name\": \"Newsletter\", \"description\": \"Monthly news\"}.");
          }
          JsonNode description = root.path("description");
          if (!description.isMissingNode() && !description.isNull() && !description.isString()) {
            return invalidList("\"description\" must be text, or left out.");
          }
          return answer(
              lists.create(
                  root.path("name").asString(),
                  description.isString() ? description.asString() : null),
              list ->
                  ResponseEntity.created(URI.create("/v1/lists/" + list.id()))
                      .contentType(MediaType.APPLICATION_JSON)
                      .body(describe(list)));
        });
  }

  @GetMapping("/{listId}")
  ResponseEntity<?> one(@PathVariable String listId) {
    return lists
        .find(listId)
        .<ResponseEntity<?>>map(list -> ok(describe(list)))
        .orElseGet(() -> unknownList(listId));
  }

  /** Renames the list; its id, which journeys and segments use, stays. */
  @PatchMapping("/{listId}")
  ResponseEntity<?> rename(
      @PathVariable String listId, @RequestBody(required = false) @Nullable String body) {
    return withBody(
        body,
        root -> {
          if (!root.isObject() || !root.path("name").isString()) {
            return invalidList(
                "Send a JSON object with the list's new \"name\", e.g. {\"name\": \"Monthly newsletter\"}.");
          }
          return answer(
              lists.rename(listId, root.path("name").asString()), list -> ok(describe(list)));
        });
  }

  /** Deletes the list and its memberships; the contacts stay. */
  @DeleteMapping("/{listId}")
  ResponseEntity<?> delete(@PathVariable String listId) {
    return answer(lists.delete(listId), list -> ResponseEntity.noContent().build());
  }

  @GetMapping("/{listId}/members")
  ResponseEntity<?> members(
      @PathVariable String listId,
      @RequestParam(required = false) @Nullable String offset,
      @RequestParam(required = false) @Nullable String limit) {
    List<FieldError> errors = new ArrayList<>();
    int from = number("offset", offset, 0, 0, Integer.MAX_VALUE, errors);
    int size = number("limit", limit, DEFAULT_LIMIT, 1, MOST_PER_PAGE, errors);
    if (!errors.isEmpty()) {
      ProblemDetail problem =
          ApiProblem.of(
              HttpStatus.BAD_REQUEST,
              "invalid-paging",
              "Invalid paging",
              "The page cannot be read: "
                  + errors.size()
                  + " parameter(s) need fixing, see errors.");
      problem.setProperty("errors", errors);
      return ApiProblem.answer(problem);
    }
    if (!lists.exists(listId)) {
      return unknownList(listId);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("listId", listId);
    answer.put("total", lists.count(listId));
    answer.put("offset", from);
    answer.put("limit", size);
    answer.put(
        "members",
        lists.members(listId, from, size).stream().map(ListController::describe).toList());
    return ok(answer);
  }

  /** Puts one contact, or many, on the list; contacts already on it stay as they joined. */
  @PostMapping("/{listId}/members")
  ResponseEntity<?> add(
      @PathVariable String listId, @RequestBody(required = false) @Nullable String body) {
    return change(listId, body, Direction.ADD);
  }

  /** Takes one contact, or many, off the list. */
  @PostMapping("/{listId}/members/remove")
  ResponseEntity<?> remove(
      @PathVariable String listId, @RequestBody(required = false) @Nullable String body) {
    return change(listId, body, Direction.REMOVE);
  }

  /** Adding and removing differ only in what they do to the members found and what they call it. */
  private enum Direction {
    ADD("added", "already-member"),
    REMOVE("removed", "not-a-member");

    final String changed;
    final String unchanged;

    Direction(String changed, String unchanged) {
      this.changed = changed;
      this.unchanged = unchanged;
    }
  }

  private ResponseEntity<?> change(String listId, @Nullable String body, Direction direction) {
    return withBody(
        body,
        root ->
            switch (MemberRequest.read(root)) {
              case MemberRequest.Invalid invalid -> {
                ProblemDetail problem =
                    ApiProblem.of(
                        HttpStatus.BAD_REQUEST,
                        "invalid-members",
                        "Invalid members",
                        "No membership was changed: "
                            + invalid.errors().size()
                            + " field(s) need fixing, see errors. Send "
                            + MemberRequest.EXAMPLE
                            + ".");
                problem.setProperty("errors", invalid.errors());
                yield ApiProblem.answer(problem);
              }
              case MemberRequest.One one ->
                  lists.exists(listId)
                      ? changeOne(listId, one.contact(), direction)
                      : unknownList(listId);
              case MemberRequest.Many many ->
                  lists.exists(listId)
                      ? changeMany(listId, many.contacts(), direction)
                      : unknownList(listId);
            });
  }

  private ResponseEntity<?> changeOne(
      String listId, ContactReference reference, Direction direction) {
    return switch (references.find(reference)) {
      case ContactReferences.Lookup.Unknown unknown ->
          ApiProblem.answer(
              contactProblem(
                  HttpStatus.NOT_FOUND,
                  "unknown-contact",
                  "Unknown contact",
                  unknown.reason(),
                  reference));
      case ContactReferences.Lookup.Ambiguous ambiguous ->
          ApiProblem.answer(
              contactProblem(
                  HttpStatus.CONFLICT,
                  "ambiguous-contact",
                  "Ambiguous contact",
                  ambiguous.reason(),
                  reference));
      case ContactReferences.Lookup.Found found -> {
        Set<UUID> changed = apply(listId, List.of(found.contact().value()), direction);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("listId", listId);
        answer.put("contactId", found.contact().toString());
        answer.put("status", changed.isEmpty() ? direction.unchanged : direction.changed);
        answer.put("members", lists.count(listId));
        yield ok(answer);
      }
    };
  }

  /**
   * Every contact found is changed in one transaction; those not found are reported by position.
   */
  private ResponseEntity<?> changeMany(
      String listId, List<ContactReference> contacts, Direction direction) {
    List<ContactReferences.Lookup> found = contacts.stream().map(references::find).toList();
    Set<UUID> ids = new LinkedHashSet<>();
    found.forEach(
        lookup -> {
          if (lookup instanceof ContactReferences.Lookup.Found hit) {
            ids.add(hit.contact().value());
          }
        });
    Set<UUID> changed = apply(listId, ids, direction);
    Set<UUID> reported = new HashSet<>();
    List<Map<String, Object>> results = new ArrayList<>();
    Map<String, Integer> tally = new LinkedHashMap<>();
    for (String status :
        List.of(direction.changed, direction.unchanged, "unknown-contact", "ambiguous-contact")) {
      tally.put(status, 0);
    }
    for (int index = 0; index < found.size(); index++) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("index", index);
      switch (found.get(index)) {
        case ContactReferences.Lookup.Found hit -> {
          // The same contact named twice (by userId and by email) changes once: the second time it
          // is already so.
          boolean first =
              changed.contains(hit.contact().value()) && reported.add(hit.contact().value());
          result.put("status", first ? direction.changed : direction.unchanged);
          result.put("contactId", hit.contact().toString());
        }
        case ContactReferences.Lookup.Unknown unknown -> {
          result.put("status", "unknown-contact");
          result.put("contact", contacts.get(index).describe());
          result.put("detail", capitalised(unknown.reason()) + ".");
        }
        case ContactReferences.Lookup.Ambiguous ambiguous -> {
          result.put("status", "ambiguous-contact");
          result.put("contact", contacts.get(index).describe());
          result.put("detail", capitalised(ambiguous.reason()) + ".");
        }
      }
      tally.merge((String) result.get("status"), 1, Integer::sum);
      results.add(result);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("listId", listId);
    answer.put(direction.changed, tally.get(direction.changed));
    answer.put(
        direction == Direction.ADD ? "alreadyMembers" : "notMembers",
        tally.get(direction.unchanged));
    answer.put("unknown", tally.get("unknown-contact") + tally.get("ambiguous-contact"));
    answer.put("members", lists.count(listId));
    answer.put("results", results);
    return ok(answer);
  }

  private Set<UUID> apply(String listId, java.util.Collection<UUID> contacts, Direction direction) {
    return switch (direction) {
      case ADD -> lists.addAll(listId, contacts, SOURCE);
      case REMOVE -> lists.removeAll(listId, contacts, SOURCE);
    };
  }

  /** Answers a call with a JSON body: the JSON first, then {@code handle} with it. */
  private ResponseEntity<?> withBody(
      @Nullable String body, Function<JsonNode, ResponseEntity<?>> handle) {
    if (body == null || body.isBlank()) {
      return ApiProblem.answer(
          ApiProblem.of(
              HttpStatus.BAD_REQUEST,
              "malformed-json",
              "Malformed JSON",
              "The request has no body; send a JSON object."));
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      return ApiProblem.answer(
          ApiProblem.of(
              HttpStatus.BAD_REQUEST,
              "malformed-json",
              "Malformed JSON",
              "The body is not valid JSON ("
                  + e.getOriginalMessage()
                  + "). Send one JSON object."));
    }
    return handle.apply(root);
  }

  /** A change made answers as {@code done} says; a refused one as the problem of its kind. */
  private static ResponseEntity<?> answer(
      ListChange change, Function<ContactList, ResponseEntity<?>> done) {
    return switch (change) {
      case ListChange.Done made -> done.apply(made.list());
      case ListChange.Refused refused -> refusal(refused);
    };
  }

  /** A whole number in bounds, the default when absent; what is wrong with it otherwise. */
  private static int number(
      String name,
      @Nullable String text,
      int absent,
      int least,
      int most,
      List<FieldError> errors) {
    if (text == null) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= least && value <= most) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below, with the bounds
    }
    errors.add(
        new FieldError(
            name,
            name
                + " must be a whole number from "
                + least
                + " to "
                + most
                + ", not \""
                + text
                + "\""));
    return absent;
  }

  private static ResponseEntity<?> refusal(ListChange.Refused refused) {
    String detail = capitalised(refused.reason()) + ".";
    return switch (refused.refusal()) {
      case UNKNOWN_LIST ->
          ApiProblem.answer(
              ApiProblem.of(
                  HttpStatus.NOT_FOUND,
                  "unknown-list",
                  "Unknown list",
                  detail + " GET /v1/lists shows the lists there are."));
      case NAME_MISSING, NAME_TOO_LONG -> invalidList(detail);
      case NAME_TAKEN ->
          ApiProblem.answer(
              ApiProblem.of(
                  HttpStatus.CONFLICT,
                  "list-name-taken",
                  "List name taken",
                  detail + " Pick another name, or use that list."));
    };
  }

  private static ResponseEntity<?> unknownList(String listId) {
    return ApiProblem.answer(
        ApiProblem.of(
            HttpStatus.NOT_FOUND,
            "unknown-list",
            "Unknown list",
            "There is no list \"" + listId + "\". GET /v1/lists shows the lists there are."));
  }

  private static ResponseEntity<?> invalidList(String detail) {
    return ApiProblem.answer(
        ApiProblem.of(HttpStatus.BAD_REQUEST, "invalid-list", "Invalid list", detail));
  }

  private static ProblemDetail contactProblem(
      HttpStatus status, String slug, String title, String reason, ContactReference reference) {
    ProblemDetail problem = ApiProblem.of(status, slug, title, capitalised(reason) + ".");
    problem.setProperty("contact", reference.describe());
    return problem;
  }

  private static ResponseEntity<?> ok(Object body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static Map<String, Object> describe(ContactList list) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", list.id());
    row.put("name", list.name());
    if (list.description() != null) {
      row.put("description", list.description());
    }
    row.put("members", list.members());
    row.put("createdAt", list.createdAt().toString());
    return row;
  }

  private static Map<String, Object> describe(ListMember member) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("contactId", member.contactId().toString());
    if (member.userId() != null) {
      row.put("userId", member.userId());
    }
    if (member.email() != null) {
      row.put("email", member.email());
    }
    if (member.name() != null) {
      row.put("name", member.name());
    }
    row.put("addedAt", member.addedAt().toString());
    row.put("source", member.source());
    return row;
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * The lists API's own last line: the event API's says an event was not stored, which is not what
   * failed here.
   */
  @ExceptionHandler(NulCharacterCheck.NulCharacterFound.class)
  ResponseEntity<ProblemDetail> nulCharacter(NulCharacterCheck.NulCharacterFound found) {
    return ApiProblem.answer(ApiProblem.nulCharacter(found.error()));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    log.error("Lists API request failed", e);
    return ApiProblem.answer(
        ApiProblem.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "temporarily-unavailable",
            "Temporarily unavailable",
            "Cairn could not finish this request right now. Retry it: a contact added or removed twice is changed once."));
  }
}
