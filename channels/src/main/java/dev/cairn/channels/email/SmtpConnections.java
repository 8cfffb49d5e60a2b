package dev.cairn.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Open SMTP connections kept for the next message: a TCP and TLS handshake plus EHLO and AUTH per
 * email would cost more than the email itself. Each connection serves one sender at a time; a
 * connection that has sat idle for a while is checked before it is trusted, and one that has
 * carried many messages is closed, since servers limit messages per connection.
 */
final class SmtpConnections implements AutoCloseable {

  /**
   * Idle longer than this, a connection is checked (NOOP) before use: servers drop idle clients.
   */
  static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(10);

  private final Session session;
  private final int keep;
  private final int messagesPerConnection;
  private final Clock clock;
  private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
  private volatile boolean closed;

  SmtpConnections(Session session, int keep, int messagesPerConnection, Clock clock) {
    this.session = session;
    this.keep = keep;
    this.messagesPerConnection = messagesPerConnection;
    this.clock = clock;
  }

  /** A connection of one's own: a kept one that still works, or a new one. */
  Connection borrow() throws MessagingException {
    for (Connection kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
      if (kept.usable(clock.instant())) {
        kept.reused = true;
        return kept;
      }
      kept.close();
    }
    Transport transport = session.getTransport("smtp");
    transport.connect();
    return new Connection(transport, false);
  }

  /** Gives a connection back after a message went through it (or was refused by the server). */
  void giveBack(Connection connection) {
    connection.sent++;
    connection.idleSince = clock.instant();
    if (closed
        || connection.sent >= messagesPerConnection
        || idle.size() >= keep
        || !idle.offerFirst(connection)) {
      connection.close();
    }
  }

  /** Drops a connection that failed: what state the server left it in is unknown. */
  void discard(Connection connection) {
    connection.close();
  }

  int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    closed = true;
    for (Connection connection = idle.pollFirst();
        connection != null;
        connection = idle.pollFirst()) {
      connection.close();
    }
  }

  /** One open SMTP session. */
  static final class Connection {
    final Transport transport;
    private boolean reused;
    private int sent;
    private Instant idleSince = Instant.EPOCH;

    private Connection(Transport transport, boolean reused) {
      this.transport = transport;
      this.reused = reused;
    }

    /**
     * Whether it came from the pool: a failure on it may only mean the server dropped it meanwhile.
     */
    boolean reused() {
      return reused;
    }

    private boolean usable(Instant now) {
      if (Duration.between(idleSince, now).compareTo(CHECK_AFTER_IDLE) < 0) {
        return true;
      }
      return transport.isConnected(); // sends NOOP
    }

    private void close() {
      try {
        transport.close();
      } catch (MessagingException e) {
        // Closing a connection the server already dropped: nothing left to do.
      }
    }
  }
}
