package dev.cairn.channels.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which addresses a webhook may call. A marketer picks the address, so without an operator's say-so
 * Cairn does not call into the network it runs in: loopback, link-local (cloud metadata at
 * 169.254.169.254 included), private, unique-local, unspecified, multicast and reserved addresses,
 * also written as IPv4-mapped or IPv4-compatible IPv6. The check is made on the address a name
 * resolves to at the moment of the call, and the call goes to that address. {@code
 * cairn.webhooks.allowed-private-networks} lets chosen networks, addresses or host names through;
 * {@code cairn.webhooks.allow-private-addresses} all of them.
 */
@Component
class AddressPolicy {

  static final String ALLOWED_NETWORKS = "cairn.webhooks.allowed-private-networks";
  static final String ALLOW_ALL = "cairn.webhooks.allow-private-addresses";

  /** An internal range and what it is called in a refusal. */
  private record Internal(Network network, String kind) {}

  private static final List<Internal> INTERNAL =
      List.of(
          internal("0.0.0.0/8", "an unspecified address"),
          internal("127.0.0.0/8", "a loopback address"),
          internal("10.0.0.0/8", "a private network"),
          internal("172.16.0.0/12", "a private network"),
          internal("192.168.0.0/16", "a private network"),
          internal("169.254.0.0/16", "a link-local address (cloud metadata lives here)"),
          internal("100.64.0.0/10", "a carrier-grade NAT network"),
          internal("192.0.0.0/24", "a reserved network"),
          internal("198.18.0.0/15", "a reserved network"),
          internal("224.0.0.0/4", "a multicast address"),
          internal("240.0.0.0/4", "a reserved network"),
          internal("::/128", "an unspecified address"),
          internal("::1/128", "a loopback address"),
          internal("fe80::/10", "a link-local address"),
          internal("fec0::/10", "a private network"),
          internal("fc00::/7", "a private network (unique local)"),
          internal("ff00::/8", "a multicast address"));

  /**
   * IPv6 forms that carry an IPv4 address in their last four bytes. (IPv4-mapped ones, {@code
   * ::ffff:10.0.0.1}, the JDK reads as the IPv4 address itself.)
   */
  private static final List<Network> CARRYING_IPV4 =
      List.of(
          Network.parse("::/96"), // IPv4-compatible
          Network.parse("64:ff9b::/96"), // NAT64
          Network.parse("64:ff9b:1::/48"));

  private static final Pattern HOST_NAME =
      Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

  private final boolean allowAll;
  private final List<Network> allowedNetworks = new ArrayList<>();
  private final List<String> allowedHosts = new ArrayList<>();

  AddressPolicy(WebhookProperties properties) {
    this.allowAll = properties.allowPrivateAddresses();
    for (String entry : properties.allowedPrivateNetworks()) {
      String text = entry.strip();
      if (text.isEmpty()) {
        continue;
      }
      Optional<Network> network = Network.tryParse(text);
      if (network.isPresent()) {
        allowedNetworks.add(network.get());
      } else if (HOST_NAME.matcher(text).matches() && !text.matches("[0-9.]+")) {
        allowedHosts.add(normalHost(text));
      } else {
        throw new IllegalArgumentException(
            ALLOWED_NETWORKS
                + ": \""
                + text
                + "\" is not a network, an address or a host name; write a network like"
                + " 10.0.0.0/8 or fd00::/8, an address like 127.0.0.1 or ::1, or a host name"
                + " like crm.internal, several separated by commas.");
      }
    }
  }

  /**
   * Why a call to {@code address} (what {@code host} resolved to) is refused, naming the setting
   * that would allow it; empty when it may be called.
   */
  Optional<String> refusal(String host, InetAddress address) {
    Optional<String> kind = internalKind(address);
    if (kind.isEmpty() || allowAll || allowedHosts.contains(normalHost(host))) {
      return Optional.empty();
    }
    if (allowedNetworks.stream().anyMatch(network -> network.contains(address))) {
      return Optional.empty();
    }
    String shown = address.getHostAddress();
    String where = isLiteral(host) ? shown : host + " (" + shown + ")";
    return Optional.of(
        "Cairn does not call "
            + where
            + ": it is "
            + kind.get()
            + " inside the network Cairn runs in; an operator can allow it with "
            + ALLOWED_NETWORKS
            + "="
            + (isLiteral(host) ? shown : host + " (or " + shown + ")")
            + ", or every internal address with "
            + ALLOW_ALL
            + "=true");
  }

  /**
   * What is wrong, in a marketer's words, with an address whose server is written as an internal IP
   * address; names are only checked when called, as they may resolve differently then.
   */
  Optional<String> literalProblem(URI url) {
    String host = url.getHost();
    if (host == null || !isLiteral(host)) {
      return Optional.empty();
    }
    Optional<InetAddress> address = literal(host);
    return address.flatMap(
        found ->
            refusal(host, found)
                .map(
                    reason ->
                        "the address \""
                            + url
                            + "\" points inside Cairn's own network ("
                            + internalKind(found).orElseThrow()
                            + "), which webhooks may not call; use the receiver's public address,"
                            + " or ask an operator to allow it with "
                            + ALLOWED_NETWORKS
                            + "."));
  }

  /**
   * Why a call to {@code host} is refused when it is written as an IP address; empty for an address
   * that may be called and for a name (checked on what it resolves to when called).
   */
  Optional<String> literalRefusal(String host) {
    return literal(host).flatMap(address -> refusal(unbracketed(host), address));
  }

  /** The addresses {@code host} resolves to that may be called; refused when there are none. */
  InetAddress[] resolve(String host) throws UnknownHostException {
    String name = unbracketed(host);
    InetAddress[] all = InetAddress.getAllByName(name);
    InetAddress[] callable =
        Arrays.stream(all).filter(a -> refusal(name, a).isEmpty()).toArray(InetAddress[]::new);
    if (callable.length == 0) {
      throw new Refused(refusal(name, all[0]).orElseThrow());
    }
    return callable;
  }

  /** A call refused before it was made, for where it would have gone. */
  static final class Refused extends UnknownHostException {
    Refused(String reason) {
      super(reason);
    }
  }

  static Optional<String> internalKind(InetAddress address) {
    for (Network carrier : CARRYING_IPV4) {
      if (address instanceof Inet6Address && carrier.contains(address)) {
        byte[] bytes = address.getAddress();
        boolean unspecifiedOrLoopback = true;
        for (int i = 0; i < 15; i++) {
          unspecifiedOrLoopback &= bytes[i] == 0;
        }
        if (!unspecifiedOrLoopback) {
          try {
            return internalKind(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
          } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
          }
        }
      }
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("an unspecified address");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address instanceof Inet4Address
        && Arrays.equals(address.getAddress(), new byte[] {-1, -1, -1, -1})) {
      return Optional.of("the broadcast address");
    }
    return INTERNAL.stream()
        .filter(range -> range.network().contains(address))
        .map(Internal::kind)
        .findFirst();
  }

  private static boolean isLiteral(String host) {
    return literal(host).isPresent();
  }

  /** The address a host written as an IP address stands for, looked up nowhere. */
  private static Optional<InetAddress> literal(String host) {
    String name = unbracketed(host);
    if (!name.contains(":") && !name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    if (!name.contains(":")
        && Arrays.stream(name.split("\\.")).anyMatch(part -> Integer.parseInt(part) > 255)) {
      // Not an address, and not to be looked up as a name either.
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(name));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String normalHost(String host) {
    String name = unbracketed(host).toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static Internal internal(String network, String kind) {
    return new Internal(Network.parse(network), kind);
  }

  /** An address range: a prefix of {@code bits} bits. */
  record Network(byte[] prefix, int bits) {

    static Network parse(String text) {
      return tryParse(text)
          .orElseThrow(() -> new IllegalArgumentException("not a network: " + text));
    }

    static Optional<Network> tryParse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      Optional<InetAddress> parsed = literal(address);
      if (parsed.isEmpty()) {
        return Optional.empty();
      }
      byte[] bytes = parsed.get().getAddress();
      int bits = bytes.length * 8;
      if (slash >= 0) {
        String length = text.substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
          return Optional.empty();
        }
        bits = Integer.parseInt(length);
      }
      return Optional.of(new Network(bytes, bits));
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
