package dev.cairn.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** What every browser test shares: Debian's Chromium, headless, and signing in to the console. */
final class ConsoleBrowser {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

  private ConsoleBrowser() {}

  /** Playwright with Debian's Chromium, for one test class: opened before its first test. */
  static final class Chromium implements AutoCloseable {
    private final Playwright playwright = Playwright.create();
    private final Browser browser;

    Chromium() {
      try {
        browser = launch(playwright);
      } catch (RuntimeException e) {
        playwright.close();
        throw e;
      }
    }

    Browser browser() {
      return browser;
    }

    /** Closes the browser and the Playwright driver process. */
    @Override
    public void close() {
      browser.close();
      playwright.close();
    }
  }

  /** Debian's Chromium, headless; it runs as root here, hence no sandbox. */
  static Browser launch(Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(
                    List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking")));
  }

  /** Opens the console, which sends the browser to the sign-in page, and signs in there. */
  static void signIn(Page page, int port, String username, String password) {
    page.navigate("http://127.0.0.1:" + port + "/");
    page.waitForURL("**/login");
    submitSignIn(page, username, password);
  }

  /** Fills the sign-in form on the page shown and sends it. */
  static void submitSignIn(Page page, String username, String password) {
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
  }
}
