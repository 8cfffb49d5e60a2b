package dev.cairn.channels.delivery;

/**
 * How one send-email or send-SMS step of a journey did: messages sent, how many of them the
 * provider reported delivered (texts) or failed, and how many were opened (email), clicked,
 * bounced, complained about or led to an unsubscribe.
 */
public record MessageStepStats(
    String elementId,
    Channel channel,
    long sent,
    long delivered,
    long failed,
    long opened,
    long clicked,
    long bounced,
    long complained,
    long unsubscribed) {

  /** {@code part} of the sent messages, in percent, one decimal. */
  public double rate(long part) {
    return sent == 0 ? 0 : Math.round(part * 1000.0 / sent) / 10.0;
  }
}
