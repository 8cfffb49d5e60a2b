package dev.cairn.channels.email;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Delivers email over SMTP with Jakarta Mail. */
final class SmtpTransport implements EmailTransport {

  private final MailProperties properties;
  private final Session session;

  SmtpTransport(MailProperties properties) {
    this.properties = properties;
    this.session = Session.getInstance(sessionProperties(properties), authenticator(properties));
  }

  @Override
  public SendOutcome send(Email email) {
    try {
      Transport.send(toMime(email));
      return new SendOutcome.Delivered("smtp://" + properties.host() + ":" + properties.port());
    } catch (SMTPAddressFailedException e) {
      return classify(e.getReturnCode(), e.getMessage());
    } catch (SMTPSendFailedException e) {
      return classify(e.getReturnCode(), e.getMessage());
    } catch (SendFailedException e) {
      return new SendOutcome.Rejected("invalid recipient: " + e.getMessage(), true);
    } catch (MessagingException e) {
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
    MimeMessage mime = new MimeMessage(session);
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
