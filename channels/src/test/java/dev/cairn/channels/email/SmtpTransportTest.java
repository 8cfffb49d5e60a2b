package dev.cairn.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMTP delivery through kept-open connections, against GreenMail. */
class SmtpTransportTest {

  private int port;
  private GreenMail smtp;
  private SmtpTransport transport;

  @BeforeEach
  void start() throws IOException {
    port = freePort();
    smtp = startServer(port);
    transport =
        new SmtpTransport(
            new MailProperties(
                "127.0.0.1",
                port,
                null,
                null,
                MailProperties.Security.NONE,
                "Acme <hello@acme.test>",
                Duration.ofSeconds(5),
                2));
  }

  @AfterEach
  void stop() {
    transport.close();
    smtp.stop();
  }

  @Test
  void messages_are_delivered_with_a_message_id_made_from_their_ledger_id() throws Exception {
    for (long id = 1; id <= 5; id++) {
      assertThat(transport.send(email(id))).isInstanceOf(SendOutcome.Delivered.class);
    }

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(5);
    assertThat(Arrays.stream(received).map(SmtpTransportTest::messageId))
        .containsExactly(
            "<cairn.1@acme.test>",
            "<cairn.2@acme.test>",
            "<cairn.3@acme.test>",
            "<cairn.4@acme.test>",
            "<cairn.5@acme.test>");
    for (MimeMessage message : received) {
      // Messages sent one after another over one connection each keep their own content.
      String id = message.getSubject().substring("Hello ".length());
      assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(message))
          .contains("Hello " + id + "!");
    }
  }

  @Test
  void the_same_message_handed_over_again_carries_the_same_message_id() throws Exception {
    transport.send(email(42));
    transport.send(email(42));

    assertThat(
            Arrays.stream(smtp.getReceivedMessages()).map(SmtpTransportTest::messageId).distinct())
        .containsExactly("<cairn.42@acme.test>");
  }

  @Test
  void a_kept_connection_the_server_dropped_is_replaced_without_failing_the_message()
      throws Exception {
    assertThat(transport.send(email(1))).isInstanceOf(SendOutcome.Delivered.class);

    smtp.stop(); // drops every open connection, as a server restart or idle timeout does
    smtp = startServer(port);

    assertThat(transport.send(email(2))).isInstanceOf(SendOutcome.Delivered.class);
    assertThat(smtp.getReceivedMessages())
        .extracting(SmtpTransportTest::messageId)
        .containsExactly("<cairn.2@acme.test>");
  }

  @Test
  void a_server_that_is_down_defers_the_message_and_one_that_comes_back_gets_it() throws Exception {
    smtp.stop();

    assertThat(transport.send(email(7)))
        .isInstanceOfSatisfying(
            SendOutcome.Deferred.class,
            deferred -> assertThat(deferred.reason()).startsWith("SMTP server unreachable"));

    smtp = startServer(port);
    assertThat(transport.send(email(7))).isInstanceOf(SendOutcome.Delivered.class);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void a_recipient_that_is_no_address_is_refused_for_good() {
    assertThat(transport.send(new Email(9, "not an address <", "Hi", null, "Hello", null)))
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class, rejected -> assertThat(rejected.addressRefused()).isTrue());
  }

  @Test
  void the_message_id_domain_is_the_sender_s() {
    assertThat(SmtpTransport.domainOf("Acme <hello@acme.test>")).isEqualTo("acme.test");
    assertThat(SmtpTransport.domainOf("hello@shop.example")).isEqualTo("shop.example");
    assertThat(SmtpTransport.domainOf("no address")).isEqualTo("localhost");
  }

  private static Email email(long id) {
    return new Email(
        id,
        "ann@example.com",
        "Hello " + id,
        "<p>Hello " + id + "!</p>",
        "Hello " + id + "!",
        "https://acme.test/u/" + id);
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GreenMail startServer(int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
