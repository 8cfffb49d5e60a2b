package dev.cairn.ui.bench;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local SMTP server Cairn sends to (GreenMail on 127.0.0.1), noting when each recipient's first
 * message arrived, by {@link System#nanoTime()}: that moment ends a journey's clock.
 */
final class Mailbox implements AutoCloseable {

  private final GreenMail smtp;
  private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong received = new AtomicLong();

  Mailbox() {
    smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    MessageDeliveryHandler delivering = smtp.getUserManager().getMessageDeliveryHandler();
    smtp.getUserManager()
        .setMessageDeliveryHandler(
            (message, address) -> {
              arrivals.putIfAbsent(
                  address.getEmail().toLowerCase(java.util.Locale.ROOT), System.nanoTime());
              received.incrementAndGet();
              return delivering.handle(message, address);
            });
  }

  int port() {
    return smtp.getSmtp().getPort();
  }

  long received() {
    return received.get();
  }

  /** When the first message to {@code address} arrived (nanoTime), or null if none has. */
  Long arrival(String address) {
    return arrivals.get(address.toLowerCase(java.util.Locale.ROOT));
  }

  /** Waits until every address has a message; returns the latest arrival (nanoTime). */
  long awaitAll(Collection<String> addresses, Duration timeout) {
    return Bench.awaitAll("emails", addresses, this::arrival, timeout);
  }

  /**
   * Forgets the messages themselves (the arrival times stay), so long runs do not fill the heap.
   */
  void purge() {
    try {
      smtp.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    smtp.stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
