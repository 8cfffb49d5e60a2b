package dev.cairn.engine.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which value a merge keeps, as the preview tells the marketer before they confirm. */
class MergeRulesTest {

  private static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");

  @Test
  void the_contact_that_stays_keeps_its_own_value_and_takes_the_other_s_only_where_it_has_none() {
    assertThat(MergeField.of("Email", "ann@acme.test", "ann.lee@acme.test", true))
        .isEqualTo(
            new MergeField(
                "Email",
                "ann@acme.test",
                "ann.lee@acme.test",
                "ann@acme.test",
                MergeField.Resolution.SURVIVOR_WINS));
    assertThat(MergeField.of("Phone", null, "+4791234567", false))
        .isEqualTo(
            new MergeField(
                "Phone", null, "+4791234567", "+4791234567", MergeField.Resolution.TAKEN));
    assertThat(MergeField.of("First name", "Ann", null, false))
        .isEqualTo(new MergeField("First name", "Ann", null, "Ann", MergeField.Resolution.KEPT));
    assertThat(MergeField.of("plan", 3, 3L, false).resolution())
        .isEqualTo(MergeField.Resolution.SAME);
  }

  @Test
  void email_addresses_in_other_capitals_are_the_same_but_names_are_not() {
    assertThat(MergeField.of("Email", "Ann@acme.test", "ann@acme.test", true).resolution())
        .isEqualTo(MergeField.Resolution.SAME);
    assertThat(MergeField.of("Last name", "McKay", "Mckay", false).resolution())
        .isEqualTo(MergeField.Resolution.SURVIVOR_WINS);
  }

  @Test
  void tags_of_both_contacts_are_kept_the_survivor_s_first() {
    assertThat(MergeField.tags(List.of("vip", "beta"), List.of("beta", "webinar")))
        .isEqualTo(
            new MergeField(
                "Tags",
                "vip, beta",
                "beta, webinar",
                "vip, beta, webinar",
                MergeField.Resolution.JOINED));
    assertThat(MergeField.tags(List.of(), List.of("webinar")).resolution())
        .isEqualTo(MergeField.Resolution.TAKEN);
    assertThat(MergeField.tags(List.of("vip"), List.of("vip")).resolution())
        .isEqualTo(MergeField.Resolution.SAME);
    assertThat(MergeField.tags(List.of(), List.of()).after()).isNull();
  }

  @Test
  void the_more_recent_consent_decision_stands_whichever_contact_heard_it() {
    Consent subscribed =
        new Consent(ConsentChannel.EMAIL, ConsentStatus.SUBSCRIBED, "import: Fair", MONDAY);
    Consent unsubscribed =
        new Consent(ConsentChannel.EMAIL, ConsentStatus.UNSUBSCRIBED, "unsubscribe link", TUESDAY);

    assertThat(new ConsentChoice(ConsentChannel.EMAIL, subscribed, unsubscribed).after())
        .isEqualTo(unsubscribed);
    assertThat(new ConsentChoice(ConsentChannel.EMAIL, subscribed, unsubscribed).changes())
        .isTrue();
    assertThat(new ConsentChoice(ConsentChannel.EMAIL, unsubscribed, subscribed).after())
        .isEqualTo(unsubscribed);
    assertThat(new ConsentChoice(ConsentChannel.EMAIL, unsubscribed, subscribed).changes())
        .isFalse();
    assertThat(new ConsentChoice(ConsentChannel.EMAIL, null, subscribed).after())
        .isEqualTo(subscribed);
  }

  @Test
  void on_a_tie_the_survivor_s_consent_stays() {
    Consent own = new Consent(ConsentChannel.SMS, ConsentStatus.SUBSCRIBED, "api", MONDAY);
    Consent other = new Consent(ConsentChannel.SMS, ConsentStatus.UNSUBSCRIBED, "api", MONDAY);

    assertThat(new ConsentChoice(ConsentChannel.SMS, own, other).after()).isEqualTo(own);
  }
}
