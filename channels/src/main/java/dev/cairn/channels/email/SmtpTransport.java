package dev.cairn.channels.email;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers email over SMTP with Jakarta Mail, through kept-open connections. Every message carries
 * a Message-ID made from its ledger id: should a message ever be handed over twice (Cairn killed
 * after the server accepted it but before that was recorded), both copies carry the same id, which
 * mailbox providers use to show it once.
 */
final class SmtpTransport implements EmailTransport {

  /** Servers commonly cap messages per connection at 100; stay below. */
  private static final int MESSAGES_PER_CONNECTION = 90;

  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    // Jakarta Mail looks up its stream provider for every body part and header it reads or writes,
    // through a ServiceLoader scan of the class path each time, unless the provider is named.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final MailProperties properties;
  private final Session session;
  private final SmtpConnections connections;
  private final String messageIdDomain;

  SmtpTransport(MailProperties properties) {
    this.properties = properties;
    this.session = Session.getInstance(sessionProperties(properties), authenticator(properties));
    this.connections =
        new SmtpConnections(
            session, properties.connections(), MESSAGES_PER_CONNECTION, Clock.systemUTC());
    this.messageIdDomain = domainOf(properties.from());
  }

  @Override
  public SendOutcome send(Email email) {
    try {
      MimeMessage mime = toMime(email);
      mime.saveChanges();
      return send(mime, true);
    } catch (AddressException e) {
      return new SendOutcome.Rejected("invalid recipient address: " + e.getMessage(), true);
    } catch (MessagingException e) {
      return new SendOutcome.Rejected(
          "the message cannot be written as MIME: " + e.getMessage(), false);
    }
  }

  @Override
  public void close() {
    connections.close();
  }

  private SendOutcome send(MimeMessage mime, boolean mayRetryOnFreshConnection)
      throws MessagingException {
    SmtpConnections.Connection connection;
    try {
      connection = connections.borrow();
    } catch (MessagingException e) {
      return new SendOutcome.Deferred("SMTP server unreachable: " + e.getMessage());
    }
    try {
      connection.transport.sendMessage(mime, mime.getAllRecipients());
      connections.giveBack(connection);
      return new SendOutcome.Delivered("smtp://" + properties.host() + ":" + properties.port());
    } catch (SMTPAddressFailedException e) {
      connections.giveBack(connection); // the server answered: the session is still in order
      return classify(e.getReturnCode(), e.getMessage());
    } catch (SMTPSendFailedException e) {
      connections.giveBack(connection);
      return classify(e.getReturnCode(), e.getMessage());
    } catch (SendFailedException e) {
      connections.discard(connection);
      return new SendOutcome.Rejected("invalid recipient: " + e.getMessage(), true);
    } catch (MessagingException e) {
      connections.discard(connection);
      if (connection.reused() && mayRetryOnFreshConnection) {
        // A kept connection the server had dropped meanwhile; a new one settles whether it is up.
        return send(mime, false);
      }
      return new SendOutcome.Deferred("SMTP server unreachable: " + e.getMessage());
    }
  }

  /**
   * SMTP 5xx is permanent, anything else (4xx) may pass later. 550, 551 and 553 (or an enhanced
   * status 5.1.x) refuse the address itself; other 5xx refuse this message (too large, content).
   */
  static SendOutcome classify(int code, String message) {
    String reason = "SMTP " + code + ": " + (message == null ? "" : message.strip());
    if (code < 500) {
      return new SendOutcome.Deferred(reason);
    }
    boolean addressRefused = code == 550 || code == 551 || code == 553 || reason.contains(" 5.1.");
    return new SendOutcome.Rejected(reason, addressRefused);
  }

  private MimeMessage toMime(Email email) throws MessagingException {
    MimeMessage mime =
        new LedgerMimeMessage(session, "<cairn." + email.messageId() + "@" + messageIdDomain + ">");
    mime.setFrom(new InternetAddress(properties.from()));
    mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to()));
    mime.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    mime.setHeader("X-Cairn-Message-Id", Long.toString(email.messageId()));
    if (email.unsubscribeUrl() != null) {
      // RFC 8058: mail clients offer "unsubscribe" and POST to the link, no page visit needed.
      mime.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
      mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    if (email.html() == null) {
      mime.setText(email.text(), StandardCharsets.UTF_8.name());
      return mime;
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), StandardCharsets.UTF_8.name());
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(email.html(), "text/html; charset=UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    mime.setContent(alternative);
    return mime;
  }

  /** The sender's domain, so Message-IDs look like any other mail from it. */
  static String domainOf(String from) {
    try {
      String address = new InternetAddress(from).getAddress();
      int at = address.lastIndexOf('@');
      return at < 0 || at == address.length() - 1 ? "localhost" : address.substring(at + 1);
    } catch (AddressException e) {
      return "localhost";
    }
  }

  /** A MIME message whose Message-ID is the one given, not a random one made when it is saved. */
  private static final class LedgerMimeMessage extends MimeMessage {
    private final String messageId;

    LedgerMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  private static Properties sessionProperties(MailProperties properties) {
    Properties props = new Properties();
    String timeout = Long.toString(properties.timeout().toMillis());
    props.put("mail.smtp.host", properties.host());
    props.put("mail.smtp.port", Integer.toString(properties.port()));
    props.put("mail.smtp.connectiontimeout", timeout);
    props.put("mail.smtp.timeout", timeout);
    props.put("mail.smtp.writetimeout", timeout);
    props.put("mail.smtp.auth", Boolean.toString(properties.username() != null));
    switch (properties.security()) {
      case NONE -> {}
      case STARTTLS -> props.put("mail.smtp.starttls.required", "true");
      case TLS -> props.put("mail.smtp.ssl.enable", "true");
    }
    if (properties.security() == MailProperties.Security.STARTTLS) {
      props.put("mail.smtp.starttls.enable", "true");
    }
    return props;
  }

  private static Authenticator authenticator(MailProperties properties) {
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(properties.username(), properties.password());
      }
    };
  }
}
