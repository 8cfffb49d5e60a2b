package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A contact's own data in an email: shown as text in the HTML part, never run as markup. */
class MergeValuesInEmailTest extends CairnIntegrationTest {

  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  @Test
  void a_first_name_with_markup_arrives_escaped_in_the_html_and_as_sent_in_the_text_part()
      throws Exception {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"}}"
            .formatted(user, user, HOSTILE));

    MimeMessage email =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> emailsTo(user).stream().findFirst().orElse(null), m -> m != null);

    String html = part(email, "text/html");
    String text = part(email, "text/plain");
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);
    assertThat(text).contains(HOSTILE);
  }

  private static String part(MimeMessage email, String type) throws Exception {
    Multipart parts = (Multipart) email.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType(type)) {
        return String.valueOf(part.getContent());
      }
      if (part.getContent() instanceof Multipart nested) {
        for (int j = 0; j < nested.getCount(); j++) {
          if (nested.getBodyPart(j).isMimeType(type)) {
            return String.valueOf(nested.getBodyPart(j).getContent());
          }
        }
      }
    }
    throw new AssertionError("no " + type + " part in the email");
  }
}
