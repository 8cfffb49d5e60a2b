package dev.cairn.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.cairn.ui.team.Role;
import dev.cairn.ui.team.TeamChange;
import dev.cairn.ui.team.TeamMembers;
import dev.cairn.ui.writekey.WriteKeyScope;
import dev.cairn.ui.writekey.WriteKeys;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The console per role, in Chromium: an admin runs the team and the write keys, a marketer changes
 * journeys and audiences but not the team, a manager watches journeys and contacts and changes
 * nothing. Pages a role may not open are refused by the server, not just left out of the menu.
 */
class TeamRolesBrowserTest extends CairnIntegrationTest {

  private static final Path SCREENSHOTS = Paths.get("target", "screenshots", "roles");
  private static final LocatorAssertions.IsVisibleOptions PATIENTLY =
      new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);
  private static final String PASSWORD = "correct horse battery";

  @Autowired TeamMembers team;
  @Autowired WriteKeys keys;
  @Autowired dev.cairn.ui.security.ConsoleChanges changes;

  private static ConsoleBrowser.Chromium chromium;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void launchBrowser() {
    chromium = new ConsoleBrowser.Chromium();
  }

  @AfterAll
  static void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void openPage() {
    context =
        chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    page = context.newPage();
    page.setDefaultTimeout(30_000);
  }

  @AfterEach
  void keepScreenshot(TestInfo test) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"))
            .setFullPage(true));
    context.close();
  }

  @Test
  void an_admin_invites_a_marketer_who_sets_a_password_through_the_link_and_signs_in() {
    String name = "mia-" + shortId();
    ConsoleBrowser.signIn(page, port, "admin", ADMIN_PASSWORD);
    nav(page, "Team").click();
    page.waitForURL("**/team");
    page.locator("#invite-username input").fill(name);
    page.locator("#invite-email input").fill(name + "@acme.test");
    page.locator("#invite").click();
    String link = page.locator("#invite-link input").inputValue();
    assertThat(link).contains("/invite/");
    // The link starts with cairn.tracking.public-url; the test server listens on a random port.
    link = "http://127.0.0.1:" + port + java.net.URI.create(link).getPath();

    Page invited = chromium.browser().newContext().newPage();
    invited.navigate(link);
    invited.locator("#invite-password input").fill(PASSWORD);
    invited.locator("#invite-password-again input").fill(PASSWORD);
    invited.locator("#invite-accept").click();
    assertThat(invited.getByText("Your password is set")).isVisible();
    // The link works once.
    invited.navigate(link);
    assertThat(invited.getByText("was used already")).isVisible();

    ConsoleBrowser.signIn(invited, port, name, PASSWORD);
    assertThat(nav(invited, "Segments")).isVisible(PATIENTLY);
    assertThat(nav(invited, "Team")).hasCount(0);
    invited.context().close();
  }

  @Test
  void a_manager_watches_journeys_and_contacts_but_changes_and_exports_nothing() {
    String manager = member(Role.MANAGER);
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Signed Up","traits":{"email":"%s@example.com","firstName":"Otto"}}
        """
            .formatted(user, user));

    ConsoleBrowser.signIn(page, port, manager, PASSWORD);
    // By address: in the full suite the journeys list holds every test's journeys, and the grid
    // draws only the rows in view.
    page.navigate("http://127.0.0.1:" + port + "/journeys/welcome");
    assertThat(page.locator(".cairn-count").first()).isAttached(attachedPatiently());
    assertThat(page.getByText("Pause", new Page.GetByTextOptions().setExact(true))).hasCount(0);
    assertThat(page.getByText("Stop…")).hasCount(0);
    assertThat(page.getByText("Open in the designer")).hasCount(0);

    nav(page, "Contacts").click();
    page.waitForURL("**/contacts");
    page.locator("input[placeholder='Search name, email or user id']").fill(user);
    page.getByText(user + "@example.com").first().click();
    page.waitForURL("**/contacts/*");
    assertThat(page.getByText("Otto").first()).isVisible();
    assertThat(page.getByText("Download all data (JSON)")).hasCount(0);
    assertThat(page.getByText("Delete contact…")).hasCount(0);
    assertThat(page.locator("vaadin-button[data-channel='EMAIL']")).hasCount(0);

    for (String refused : List.of("segments", "lists", "templates", "team", "write-keys")) {
      assertRefused(refused);
    }
    assertRefused("journeys/welcome/design");
  }

  @Test
  void a_marketer_changes_audiences_but_cannot_open_the_team_or_the_write_keys() {
    String marketer = member(Role.MARKETER);

    ConsoleBrowser.signIn(page, port, marketer, PASSWORD);
    nav(page, "Segments").click();
    page.waitForURL("**/segments");
    nav(page, "Lists").click();
    page.waitForURL("**/lists");
    assertThat(page.locator("#create-list")).isVisible();
    page.navigate("http://127.0.0.1:" + port + "/journeys/welcome");
    assertThat(page.getByText("Open in the designer")).isVisible(PATIENTLY);

    assertRefused("team");
    assertRefused("write-keys");
  }

  @Test
  void an_admin_creates_a_source_key_shown_once_that_only_sends_events_and_revokes_it() {
    ConsoleBrowser.signIn(page, port, "admin", ADMIN_PASSWORD);
    nav(page, "Write keys").click();
    page.waitForURL("**/write-keys");
    String name = "Shop " + shortId();
    page.locator("#new-key-name input").fill(name);
    page.locator("#create-key").click();
    String secret = page.locator("#new-key-secret input").inputValue();
    assertThat(secret).startsWith("wk_");
    assertThat(post("/v1/track", "{\"userId\":\"u-k\",\"event\":\"Viewed\"}", secret).statusCode())
        .isEqualTo(200);
    assertThat(request("GET", "/v1/lists", null, secret).statusCode()).isEqualTo(403);

    page.getByText("Done", new Page.GetByTextOptions().setExact(true)).click();
    page.locator(".revoke-key[data-key='" + name + "']").click();
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Revoke").setExact(true))
        .click();
    assertThat(page.getByText("revoked", new Page.GetByTextOptions().setExact(false)).first())
        .isVisible();
    assertThat(post("/v1/track", "{\"userId\":\"u-k\",\"event\":\"Viewed\"}", secret).statusCode())
        .isEqualTo(401);
  }

  @Test
  void a_deactivated_account_cannot_sign_in_and_is_signed_out_of_an_open_session() {
    String leaving = member(Role.MARKETER);
    ConsoleBrowser.signIn(page, port, leaving, PASSWORD);
    assertThat(nav(page, "Segments")).isVisible(PATIENTLY);

    assertThat(as(Role.ADMIN, () -> team.setActive(leaving, false)))
        .isInstanceOf(TeamChange.Done.class);

    nav(page, "Lists").click();
    page.waitForURL("**/login**");
    ConsoleBrowser.submitSignIn(page, leaving, PASSWORD);
    page.waitForURL("**/login?error**");
    assertThat(page.locator("#invite")).hasCount(0);
  }

  @Test
  void everyone_changes_their_own_password_after_giving_the_current_one() {
    String manager = member(Role.MANAGER);
    ConsoleBrowser.signIn(page, port, manager, PASSWORD);
    page.locator("#open-change-password").click();
    page.locator("#current-password input").fill("not my password");
    page.locator("#new-password input").fill("a brand new passphrase");
    page.locator("#change-password").click();
    assertThat(page.getByText(TeamMembers.WRONG_PASSWORD)).isVisible();
    page.locator("#current-password input").fill(PASSWORD);
    page.locator("#change-password").click();
    assertThat(page.getByText("Your password was changed.")).isVisible();

    Page again = chromium.browser().newContext().newPage();
    ConsoleBrowser.signIn(again, port, manager, "a brand new passphrase");
    assertThat(nav(again, "Journeys")).isVisible(PATIENTLY);
    again.context().close();
  }

  @Test
  void after_five_wrong_passwords_the_sign_in_page_refuses_the_right_one_and_says_why() {
    String target = member(Role.MARKETER);
    for (int attempt = 0; attempt < 5; attempt++) {
      ConsoleBrowser.signIn(page, port, target, "wrong password " + attempt);
      page.waitForURL("**/login?error**");
    }

    ConsoleBrowser.signIn(page, port, target, PASSWORD);

    assertThat(page.getByText("Too many attempts")).isVisible();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?error.*"));
  }

  @Test
  void the_server_refuses_changes_and_team_work_to_roles_without_them() {
    assertThatThrownBy(() -> as(Role.MANAGER, () -> changes.make(() -> "changed")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(Role.MANAGER, () -> changes.export(() -> "exported")))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(as(Role.MARKETER, () -> changes.make(() -> "changed"))).isEqualTo("changed");
    for (Role role : List.of(Role.MARKETER, Role.MANAGER)) {
      assertThatThrownBy(
              () -> as(role, () -> team.invite("eve-" + shortId(), "e@acme.test", Role.ADMIN)))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(role, () -> keys.create("Mine", WriteKeyScope.SERVER)))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  /** The console menu's entry with this label. */
  private static com.microsoft.playwright.Locator nav(Page page, String label) {
    String path =
        switch (label) {
          case "Journeys" -> "";
          case "Write keys" -> "write-keys";
          default -> label.toLowerCase(java.util.Locale.ROOT);
        };
    return page.locator("vaadin-side-nav-item[path='" + path + "']");
  }

  /** The path exists, but this user's role may not open it: the server shows no such page. */
  private void assertRefused(String path) {
    page.navigate("http://127.0.0.1:" + port + "/" + path);
    assertThat(page.getByText("Could not navigate")).isVisible();
    assertThat(page.locator("#invite, #create-key, #create-list, cairn-journey-designer"))
        .hasCount(0);
  }

  /** A team member with this role, who set {@link #PASSWORD} through their invitation. */
  private String member(Role role) {
    String name = role.name().toLowerCase(java.util.Locale.ROOT) + "-" + shortId();
    TeamChange invited = as(Role.ADMIN, () -> team.invite(name, name + "@acme.test", role));
    String link = ((TeamChange.Invited) invited).link();
    String token = link.substring(link.lastIndexOf('/') + 1);
    assertThat(team.acceptInvite(token, PASSWORD)).isInstanceOf(TeamChange.Done.class);
    return name;
  }

  private <T> T as(Role role, Supplier<T> work) {
    return signedInAs("admin", List.of(role.authority()), work);
  }

  private static LocatorAssertions.IsAttachedOptions attachedPatiently() {
    return new LocatorAssertions.IsAttachedOptions().setTimeout(60_000);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
