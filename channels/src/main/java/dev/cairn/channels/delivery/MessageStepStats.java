package dev.cairn.channels.delivery;

/**
 * How one send-email step of a journey did: messages sent, and how many of them were opened,
 * clicked, bounced, complained about or led to an unsubscribe.
 */
public record EmailStepStats(
    String elementId, long sent, long opened, long clicked, long bounced, long complained, long unsubscribed) {

  /** {@code part} of the sent messages, in percent, one decimal. */
  public double rate(long part) {
    return sent == 0 ? 0 : Math.round(part * 1000.0 / sent) / 10.0;
  }
}
