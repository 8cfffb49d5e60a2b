package dev.cairn.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which addresses a webhook may call, and what an operator can allow. */
class AddressPolicyTest {

  private static final AddressPolicy DEFAULTS =
      new AddressPolicy(new WebhookProperties(null, null));

  @Test
  void addresses_inside_the_network_cairn_runs_in_are_refused() {
    for (String address :
        List.of(
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "169.254.169.254",
            "fe80::1",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.0.1",
            "fc00::1",
            "fd12:3456::1",
            "0.0.0.0",
            "::",
            "224.0.0.1",
            "ff02::1",
            "255.255.255.255",
            "100.64.0.1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.0.0.1",
            "::10.0.0.1",
            "64:ff9b::a9fe:a9fe")) {
      assertThat(DEFAULTS.refusal(address, ip(address))).as(address).isPresent();
    }
  }

  @Test
  void public_addresses_are_called() {
    for (String address :
        List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8")) {
      assertThat(DEFAULTS.refusal(address, ip(address))).as(address).isEmpty();
    }
  }

  @Test
  void an_operator_allows_networks_addresses_and_host_names() {
    AddressPolicy policy =
        new AddressPolicy(
            new WebhookProperties(
                null,
                null,
                List.of("10.1.0.0/16", " 127.0.0.1", "fd00::/8", "CRM.internal"),
                false));

    assertThat(policy.refusal("10.1.2.3", ip("10.1.2.3"))).isEmpty();
    assertThat(policy.refusal("10.2.0.1", ip("10.2.0.1"))).isPresent();
    assertThat(policy.refusal("127.0.0.1", ip("127.0.0.1"))).isEmpty();
    assertThat(policy.refusal("127.0.0.2", ip("127.0.0.2"))).isPresent();
    assertThat(policy.refusal("fd00::5", ip("fd00::5"))).isEmpty();
    assertThat(policy.refusal("crm.internal", ip("192.168.7.7"))).isEmpty();
    assertThat(policy.refusal("other.internal", ip("192.168.7.7"))).isPresent();
  }

  @Test
  void a_setting_that_is_not_a_network_says_what_to_write() {
    for (String wrong : List.of("10.0.0.0/33", "10.0.0.0/x", "300.1.2.3", "crm internal")) {
      assertThatThrownBy(
              () -> new AddressPolicy(new WebhookProperties(null, null, List.of(wrong), false)))
          .as(wrong)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "cairn.webhooks.allowed-private-networks: \""
                  + wrong
                  + "\" is not a network, an address or a host name; write a network like"
                  + " 10.0.0.0/8 or fd00::/8, an address like 127.0.0.1 or ::1, or a host name"
                  + " like crm.internal, several separated by commas.");
    }
  }

  @Test
  void a_name_is_checked_on_what_it_resolves_to() {
    assertThatThrownBy(() -> DEFAULTS.resolve("localhost"))
        .isInstanceOf(AddressPolicy.Refused.class)
        .hasMessageStartingWith("Cairn does not call localhost (");
  }

  @Test
  void the_designer_flags_an_internal_ip_address_before_publishing_but_not_a_name() {
    assertThat(DEFAULTS.literalProblem(URI.create("http://169.254.169.254/latest/meta-data/")))
        .contains(
            "the address \"http://169.254.169.254/latest/meta-data/\" points inside Cairn's own"
                + " network (a link-local address (cloud metadata lives here)), which webhooks may"
                + " not call; use the receiver's public address, or ask an operator to allow it"
                + " with cairn.webhooks.allowed-private-networks.");
    assertThat(DEFAULTS.literalProblem(URI.create("http://[::1]:8080/in"))).isPresent();
    assertThat(DEFAULTS.literalProblem(URI.create("http://10.0.0.5:8080/in"))).isPresent();
    assertThat(DEFAULTS.literalProblem(URI.create("https://crm.example.com/in"))).isEmpty();
    assertThat(DEFAULTS.literalProblem(URI.create("https://93.184.216.34/in"))).isEmpty();
  }

  @Test
  void the_steps_problems_include_the_internal_address_and_follow_the_operators_setting() {
    WebhookClient guarded = new WebhookClient(DEFAULTS);
    WebhookClient allowing =
        new WebhookClient(
            new AddressPolicy(new WebhookProperties(null, null, List.of("10.0.0.0/8"), false)));
    Map<String, String> headers = Map.of("url", "http://10.0.0.5:8080/in");

    assertThat(guarded.addressProblem(WebhookTarget.of(headers).url())).isPresent();
    assertThat(allowing.addressProblem(WebhookTarget.of(headers).url())).isEmpty();
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
