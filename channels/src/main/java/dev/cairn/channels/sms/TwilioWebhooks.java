package dev.cairn.channels.sms;

import com.twilio.security.RequestValidator;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What Twilio tells Cairn: delivery status of sent messages, and replies. Every request must carry
 * a valid {@code X-Twilio-Signature} for the URL Twilio called; anything else is refused unread.
 */
@Service
public class TwilioWebhooks {

  /** How a webhook request was taken. */
  public enum Result {
    TAKEN,
    FORGED,
    NOT_CONFIGURED
  }

  private static final Set<String> STOP =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
  private static final Set<String> START = Set.of("START", "YES", "UNSTOP");

  private final SmsProperties properties;
  private final DeliveryLedger ledger;
  private final Consents consents;
  private final JdbcClient jdbc;

  TwilioWebhooks(
      SmsProperties properties, DeliveryLedger ledger, Consents consents, JdbcClient jdbc) {
    this.properties = properties;
    this.ledger = ledger;
    this.consents = consents;
    this.jdbc = jdbc;
  }

  /** A status callback: delivered, undelivered or failed, for the message with that SID. */
  public Result status(String url, Map<String, String> params, @Nullable String signature) {
    Result check = verify(url, params, signature);
    if (check != Result.TAKEN) {
      return check;
    }
    String sid = params.getOrDefault("MessageSid", "");
    String error = params.get("ErrorCode") == null ? null : "Twilio " + params.get("ErrorCode");
    switch (params.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT)) {
      case "delivered" ->
          ledger.reportFromTransport("twilio:" + sid, MessageStatus.DELIVERED, null);
      case "undelivered", "failed" ->
          ledger.reportFromTransport("twilio:" + sid, MessageStatus.FAILED, error);
      default -> {} // queued, sending, sent: nothing new for the ledger
    }
    return Result.TAKEN;
  }

  /** A reply: STOP and friends opt the sender out of SMS, START opts them back in. */
  public Result inbound(String url, Map<String, String> params, @Nullable String signature) {
    Result check = verify(url, params, signature);
    if (check != Result.TAKEN) {
      return check;
    }
    String keyword = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
    ConsentStatus status =
        STOP.contains(keyword)
            ? ConsentStatus.UNSUBSCRIBED
            : START.contains(keyword) ? ConsentStatus.SUBSCRIBED : null;
    if (status != null) {
      for (ContactId contact : contactsWithPhone(params.getOrDefault("From", ""))) {
        consents.record(contact, ConsentChannel.SMS, status, "SMS keyword " + keyword);
      }
    }
    return Result.TAKEN;
  }

  private List<ContactId> contactsWithPhone(String from) {
    return PhoneNumber.parse(from, null)
        .map(
            phone ->
                jdbc.sql("select id from contact where phone = :phone")
                    .param("phone", phone.e164())
                    .query((rs, row) -> new ContactId(rs.getObject("id", UUID.class)))
                    .list())
        .orElse(List.of());
  }

  private Result verify(String url, Map<String, String> params, @Nullable String signature) {
    if (!properties.configured()) {
      return Result.NOT_CONFIGURED;
    }
    if (signature == null
        || !new RequestValidator(properties.authToken()).validate(url, params, signature)) {
      return Result.FORGED;
    }
    return Result.TAKEN;
  }
}
