package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lists API over HTTP: what a backend can do with lists and members, and every bad call
 * answered as a problem that changes nothing.
 */
class ListApiTest extends CairnIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  /**
   * A list the bad calls aim at, with one member, and a second list whose name they try to take.
   */
  private static final String FIXTURE = "API fixture " + RUN;

  private static final String TAKEN = "API taken " + RUN;
  private static final String MEMBER = "u-fixture-" + RUN;
  private static final String SHARED_EMAIL = "shared-" + RUN + "@example.com";

  @Autowired ContactLists lists;
  @Autowired Contacts contacts;
  private final JsonMapper json = JsonMapper.builder().build();
  private String fixtureId = "";

  @BeforeEach
  void fixture() {
    fixtureId =
        lists.lists().stream()
            .filter(list -> list.name().equals(FIXTURE))
            .findFirst()
            .map(list -> list.id())
            .orElseGet(
                () -> {
                  String id = ((ListChange.Done) lists.create(FIXTURE, null)).list().id();
                  lists.create(TAKEN, null);
                  lists.add(id, identified(MEMBER, null), "console: admin");
                  // Two contacts with one address: the email names neither.
                  identified("u-shared-a-" + RUN, SHARED_EMAIL);
                  identified("u-shared-b-" + RUN, SHARED_EMAIL);
                  return id;
                });
  }

  @Test
  void a_created_list_has_an_id_from_its_name_and_is_listed_with_its_member_count() {
    String name = "Newsletter " + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> created =
        call("POST", "/v1/lists", "{\"name\":\" " + name + " \",\"description\":\"Monthly news\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode list = body(created);
    String id = list.get("id").asString();
    assertThat(id).startsWith("newsletter-");
    assertThat(list.get("name").asString()).isEqualTo(name);
    assertThat(list.get("description").asString()).isEqualTo("Monthly news");
    assertThat(list.get("members").asLong()).isZero();
    assertThat(created.headers().firstValue("Location")).contains("/v1/lists/" + id);
    JsonNode all = body(call("GET", "/v1/lists", null));
    assertThat(all.get("lists").findValuesAsString("id")).contains(id, fixtureId);
    JsonNode fixture =
        stream(all.get("lists"))
            .filter(row -> row.get("id").asString().equals(fixtureId))
            .findFirst()
            .orElseThrow();
    assertThat(fixture.get("members").asLong()).isEqualTo(1);
    assertThat(body(call("GET", "/v1/lists/" + id, null)).get("name").asString()).isEqualTo(name);
  }

  @Test
  void a_renamed_list_keeps_its_id_and_a_deleted_one_is_gone_while_its_contacts_stay() {
    String id = created("Beta " + UUID.randomUUID().toString().substring(0, 8));
    ContactId member = identified("u-" + UUID.randomUUID(), null);
    lists.add(id, member, "console: admin");
    String renamed = "Beta testers " + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> rename =
        call("PATCH", "/v1/lists/" + id, "{\"name\":\"" + renamed + "\"}");
    HttpResponse<String> delete = call("DELETE", "/v1/lists/" + id, null);

    assertThat(rename.statusCode()).isEqualTo(200);
    assertThat(body(rename).get("id").asString()).isEqualTo(id);
    assertThat(body(rename).get("name").asString()).isEqualTo(renamed);
    assertThat(delete.statusCode()).isEqualTo(204);
    assertThat(call("GET", "/v1/lists/" + id, null).statusCode()).isEqualTo(404);
    assertThat(contacts.find(member)).isPresent();
  }

  @Test
  void one_contact_is_added_by_user_id_email_or_contact_id_and_adding_again_changes_nothing() {
    String id = created("One by one " + UUID.randomUUID().toString().substring(0, 8));
    String byUser = "u-" + UUID.randomUUID();
    String byEmail = "u-" + UUID.randomUUID();
    ContactId first = identified(byUser, null);
    ContactId second = identified(byEmail, byEmail + "@Example.COM");
    ContactId third = identified("u-" + UUID.randomUUID(), null);

    JsonNode added =
        body(call("POST", "/v1/lists/" + id + "/members", "{\"userId\":\"" + byUser + "\"}"));
    JsonNode again =
        body(call("POST", "/v1/lists/" + id + "/members", "{\"userId\":\"" + byUser + "\"}"));
    JsonNode mailed =
        body(
            call(
                "POST",
                "/v1/lists/" + id + "/members",
                "{\"email\":\"" + byEmail.toUpperCase() + "@example.com\"}"));
    JsonNode known =
        body(call("POST", "/v1/lists/" + id + "/members", "{\"contactId\":\"" + third + "\"}"));

    assertThat(added.get("status").asString()).isEqualTo("added");
    assertThat(added.get("contactId").asString()).isEqualTo(first.toString());
    assertThat(again.get("status").asString()).isEqualTo("already-member");
    assertThat(mailed.get("contactId").asString()).isEqualTo(second.toString());
    assertThat(known.get("status").asString()).isEqualTo("added");
    assertThat(known.get("members").asLong()).isEqualTo(3);
    assertThat(lists.listsOf(first))
        .singleElement()
        .satisfies(membership -> assertThat(membership.source()).isEqualTo("api"));
  }

  @Test
  void a_batch_adds_every_known_contact_and_reports_each_unknown_one_by_position() {
    String id = created("Batch " + UUID.randomUUID().toString().substring(0, 8));
    String ann = "u-" + UUID.randomUUID();
    String bo = "u-" + UUID.randomUUID();
    identified(ann, null);
    ContactId boId = identified(bo, null);
    lists.add(id, boId, "console: admin");
    String ghost = "u-ghost-" + UUID.randomUUID();

    HttpResponse<String> response =
        call(
            "POST",
            "/v1/lists/" + id + "/members",
            """
            {"contacts":[{"userId":"%s"},{"userId":"%s"},{"userId":"%s"},{"email":"%s"},{"userId":"%s"}]}
            """
                .formatted(ann, ghost, bo, SHARED_EMAIL, ann));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = body(response);
    assertThat(answer.get("added").asInt()).isEqualTo(1);
    assertThat(answer.get("alreadyMembers").asInt()).isEqualTo(2);
    assertThat(answer.get("unknown").asInt()).isEqualTo(2);
    assertThat(answer.get("members").asLong()).isEqualTo(2);
    assertThat(answer.get("results").findValuesAsString("status"))
        .containsExactly(
            "added", "unknown-contact", "already-member", "ambiguous-contact", "already-member");
    assertThat(answer.get("results").get(1).get("detail").asString())
        .isEqualTo("No contact has the userId \"" + ghost + "\".");
    assertThat(answer.get("results").get(3).get("detail").asString())
        .isEqualTo(
            "More than one contact has the email \""
                + SHARED_EMAIL
                + "\"; name the one you mean by its userId or contactId.");
  }

  @Test
  void contacts_are_taken_off_one_at_a_time_or_in_a_batch_and_one_not_on_the_list_is_said_so() {
    String id = created("Leavers " + UUID.randomUUID().toString().substring(0, 8));
    String ann = "u-" + UUID.randomUUID();
    String bo = "u-" + UUID.randomUUID();
    String cy = "u-" + UUID.randomUUID();
    for (String user : new String[] {ann, bo, cy}) {
      lists.add(id, identified(user, null), "console: admin");
    }
    String outsider = "u-" + UUID.randomUUID();
    identified(outsider, null);

    JsonNode one =
        body(call("POST", "/v1/lists/" + id + "/members/remove", "{\"userId\":\"" + ann + "\"}"));
    JsonNode batch =
        body(
            call(
                "POST",
                "/v1/lists/" + id + "/members/remove",
                "{\"contacts\":[{\"userId\":\"%s\"},{\"userId\":\"%s\"}]}"
                    .formatted(bo, outsider)));

    assertThat(one.get("status").asString()).isEqualTo("removed");
    assertThat(batch.get("removed").asInt()).isEqualTo(1);
    assertThat(batch.get("notMembers").asInt()).isEqualTo(1);
    assertThat(batch.get("results").findValuesAsString("status"))
        .containsExactly("removed", "not-a-member");
    assertThat(batch.get("members").asLong()).isEqualTo(1);
    assertThat(
            body(call("GET", "/v1/lists/" + id + "/members", null))
                .get("members")
                .findValuesAsString("userId"))
        .containsExactly(cy);
  }

  @Test
  void members_come_a_page_at_a_time_newest_first_with_the_total() {
    String id = created("Pages " + UUID.randomUUID().toString().substring(0, 8));
    for (int i = 0; i < 3; i++) {
      lists.add(id, identified("u-" + UUID.randomUUID(), null), "import: sheet");
    }

    JsonNode first = body(call("GET", "/v1/lists/" + id + "/members?limit=2", null));
    JsonNode second = body(call("GET", "/v1/lists/" + id + "/members?offset=2&limit=2", null));
    JsonNode defaults = body(call("GET", "/v1/lists/" + id + "/members", null));

    assertThat(first.get("total").asLong()).isEqualTo(3);
    assertThat(first.get("members")).hasSize(2);
    assertThat(second.get("members")).hasSize(1);
    assertThat(second.get("members").get(0).get("source").asString()).isEqualTo("import: sheet");
    assertThat(first.get("members").get(0).get("addedAt").asString())
        .isGreaterThanOrEqualTo(first.get("members").get(1).get("addedAt").asString());
    assertThat(defaults.get("offset").asInt()).isZero();
    assertThat(defaults.get("limit").asInt()).isEqualTo(100);
  }

  @Test
  void a_bad_batch_is_refused_whole_naming_each_field_and_adds_no_one() {
    String id = created("Refused batch " + UUID.randomUUID().toString().substring(0, 8));
    String ann = "u-" + UUID.randomUUID();
    identified(ann, null);

    HttpResponse<String> response =
        call(
            "POST",
            "/v1/lists/" + id + "/members",
            "{\"contacts\":[{\"userId\":\"%s\"},{\"phone\":\"+4712345678\"},{\"contactId\":\"42\"}]}"
                .formatted(ann));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("detail").asString())
        .startsWith("No membership was changed: 2 field(s) need fixing, see errors.");
    assertThat(body(response).get("errors").findValuesAsString("field"))
        .containsExactly("/contacts/1/phone", "/contacts/2/contactId");
    assertThat(lists.count(id)).isZero();
  }

  static Stream<Arguments> badCalls() {
    String tooLong = "x".repeat(101);
    String tooMany =
        IntStream.range(0, 1001)
            .mapToObj(i -> "{\"userId\":\"u-" + i + "\"}")
            .collect(Collectors.joining(",", "{\"contacts\":[", "]}"));
    return Stream.of(
        arguments(
            "GET",
            "/v1/lists",
            null,
            "wk_not_a_key",
            401,
            "unknown-write-key",
            "write key as the Basic-auth user name"),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":\"Sneaky\"}",
            "",
            401,
            "unknown-write-key",
            "write key"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"userId\":\"{member}\"}",
            "wk_not_a_key",
            401,
            "unknown-write-key",
            "write key"),
        arguments(
            "DELETE",
            "/v1/lists/{list}",
            null,
            "wk_not_a_key",
            401,
            "unknown-write-key",
            "write key"),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":\"\"}",
            null,
            400,
            "invalid-list",
            "A list needs a name."),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":\"   \"}",
            null,
            400,
            "invalid-list",
            "A list needs a name."),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":\"" + tooLong + "\"}",
            null,
            400,
            "invalid-list",
            "A list name is at most 100 characters; this one has 101."),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":\"" + TAKEN.toLowerCase() + "\"}",
            null,
            409,
            "list-name-taken",
            "There is already a list named \"" + TAKEN.toLowerCase() + "\"."),
        arguments(
            "POST", "/v1/lists", "{\"name\": ", null, 400, "malformed-json", "not valid JSON"),
        arguments("POST", "/v1/lists", null, null, 400, "malformed-json", "no body"),
        arguments(
            "POST",
            "/v1/lists",
            "[\"Newsletter\"]",
            null,
            400,
            "invalid-list",
            "with the list's \"name\""),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":7}",
            null,
            400,
            "invalid-list",
            "with the list's \"name\""),
        arguments(
            "POST",
            "/v1/lists",
            "{\"name\":\"Described " + RUN + "\",\"description\":[1]}",
            null,
            400,
            "invalid-list",
            "\"description\" must be text"),
        arguments(
            "GET",
            "/v1/lists/no-such-list",
            null,
            null,
            404,
            "unknown-list",
            "There is no list \"no-such-list\"."),
        arguments(
            "PATCH",
            "/v1/lists/no-such-list",
            "{\"name\":\"Anything " + RUN + "\"}",
            null,
            404,
            "unknown-list",
            "There is no list \"no-such-list\"."),
        arguments(
            "PATCH",
            "/v1/lists/{list}",
            "{\"name\":\" " + TAKEN.toUpperCase() + "\"}",
            null,
            409,
            "list-name-taken",
            "There is already a list named \"" + TAKEN.toUpperCase() + "\"."),
        arguments(
            "PATCH",
            "/v1/lists/{list}",
            "{\"name\":\"\"}",
            null,
            400,
            "invalid-list",
            "A list needs a name."),
        arguments(
            "PATCH",
            "/v1/lists/{list}",
            "{\"title\":\"New\"}",
            null,
            400,
            "invalid-list",
            "new \"name\""),
        arguments(
            "DELETE",
            "/v1/lists/no-such-list",
            null,
            null,
            404,
            "unknown-list",
            "There is no list \"no-such-list\"."),
        arguments(
            "GET",
            "/v1/lists/no-such-list/members",
            null,
            null,
            404,
            "unknown-list",
            "There is no list \"no-such-list\"."),
        arguments(
            "GET",
            "/v1/lists/{list}/members?offset=-1",
            null,
            null,
            400,
            "invalid-paging",
            "offset must be a whole number from 0 to 2147483647, not \"-1\""),
        arguments(
            "GET",
            "/v1/lists/{list}/members?offset=1.5",
            null,
            null,
            400,
            "invalid-paging",
            "offset must be a whole number"),
        arguments(
            "GET",
            "/v1/lists/{list}/members?limit=0",
            null,
            null,
            400,
            "invalid-paging",
            "limit must be a whole number from 1 to 1000, not \"0\""),
        arguments(
            "GET",
            "/v1/lists/{list}/members?limit=1001",
            null,
            null,
            400,
            "invalid-paging",
            "limit must be a whole number from 1 to 1000"),
        arguments(
            "GET",
            "/v1/lists/{list}/members?limit=all",
            null,
            null,
            400,
            "invalid-paging",
            "not \"all\""),
        arguments(
            "POST",
            "/v1/lists/no-such-list/members",
            "{\"userId\":\"{member}\"}",
            null,
            404,
            "unknown-list",
            "There is no list \"no-such-list\"."),
        arguments(
            "POST",
            "/v1/lists/no-such-list/members/remove",
            "{\"userId\":\"{member}\"}",
            null,
            404,
            "unknown-list",
            "There is no list \"no-such-list\"."),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"userId\":\"u-nobody-" + RUN + "\"}",
            null,
            404,
            "unknown-contact",
            "No contact has the userId \"u-nobody-" + RUN + "\"."),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"email\":\"nobody-" + RUN + "@example.com\"}",
            null,
            404,
            "unknown-contact",
            "No contact has the email \"nobody-" + RUN + "@example.com\"."),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"email\":\"not-an-address\"}",
            null,
            404,
            "unknown-contact",
            "\"not-an-address\" is not an email address"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"contactId\":\"00000000-0000-0000-0000-000000000042\"}",
            null,
            404,
            "unknown-contact",
            "No contact has the contactId \"00000000-0000-0000-0000-000000000042\"."),
        arguments(
            "POST",
            "/v1/lists/{list}/members/remove",
            "{\"userId\":\"u-nobody-" + RUN + "\"}",
            null,
            404,
            "unknown-contact",
            "No contact has the userId"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"email\":\"" + SHARED_EMAIL + "\"}",
            null,
            409,
            "ambiguous-contact",
            "name the one you mean by its userId or contactId"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"contactId\":\"not-a-uuid\"}",
            null,
            400,
            "invalid-members",
            "is not a Cairn contact id"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{}",
            null,
            400,
            "invalid-members",
            "name the contact by one of contactId, userId or email"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"userId\":\"{member}\",\"email\":\"a@example.com\"}",
            null,
            400,
            "invalid-members",
            "not by userId and email"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"userId\":\"\"}",
            null,
            400,
            "invalid-members",
            "must be a non-empty string"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"contacts\":[]}",
            null,
            400,
            "invalid-members",
            "must be a non-empty array"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            "{\"contacts\":[{\"userId\":\"{member}\"}],\"userId\":\"{member}\"}",
            null,
            400,
            "invalid-members",
            "not both"),
        arguments(
            "POST",
            "/v1/lists/{list}/members",
            tooMany,
            null,
            400,
            "invalid-members",
            "at most 1000 contacts per call, this one has 1001"),
        arguments(
            "POST",
            "/v1/lists/{list}/members/remove",
            "\"{member}\"",
            null,
            400,
            "invalid-members",
            "send a JSON object naming the contact"));
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> {4} {5}")
  @MethodSource("badCalls")
  void a_bad_call_is_a_problem_that_says_what_is_wrong_and_changes_nothing(
      String method,
      String path,
      @Nullable String body,
      @Nullable String key,
      int status,
      String type,
      String detail) {
    long listsBefore = lists.lists().size();
    String resolvedPath = path.replace("{list}", fixtureId);
    String resolvedBody = body == null ? null : body.replace("{member}", MEMBER);

    HttpResponse<String> response =
        key == null
            ? call(method, resolvedPath, resolvedBody)
            : call(method, resolvedPath, resolvedBody, key);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
    JsonNode problem = body(response);
    assertThat(problem.get("type").asString()).isEqualTo("https://cairn.dev/problems/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    // The detail, or the message of one of the fields it points to.
    assertThat(
            Stream.concat(
                Stream.of(problem.get("detail").asString()),
                stream(problem.path("errors")).map(error -> error.get("message").asString())))
        .anySatisfy(text -> assertThat(text).contains(detail));
    assertThat(lists.lists()).hasSize((int) listsBefore);
    assertThat(lists.find(fixtureId).orElseThrow().name()).isEqualTo(FIXTURE);
    assertThat(lists.count(fixtureId)).isEqualTo(1);
  }

  @Test
  void a_problem_naming_a_wrong_field_says_which_one_and_how_to_name_a_contact() {
    JsonNode problem =
        body(
            call(
                "POST",
                "/v1/lists/" + fixtureId + "/members",
                "{\"userId\":\"" + MEMBER + "\",\"email\":\"a@example.com\"}"));

    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("/");
    assertThat(problem.get("errors").get(0).get("message").asString())
        .isEqualTo(
            "name the contact by one of contactId, userId or email, not by userId and email");
  }

  private String created(String name) {
    return ((ListChange.Done) lists.create(name, null)).list().id();
  }

  private ContactId identified(String user, @Nullable String email) {
    String traits = email == null ? "{}" : "{\"email\":\"" + email + "\"}";
    assertThat(
            post("/v1/identify", "{\"userId\":\"%s\",\"traits\":%s}".formatted(user, traits))
                .statusCode())
        .isEqualTo(200);
    return contacts.findByUserId(user).orElseThrow().id();
  }

  private HttpResponse<String> call(String method, String path, @Nullable String body) {
    return call(method, path, body, WRITE_KEY);
  }

  private HttpResponse<String> call(String method, String path, @Nullable String body, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!key.isEmpty()) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
