package dev.cairn.engine.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann@example.com",
        "ann.lee+news@mail.example.co.uk",
        "o'brien@example.ie",
        "x@sub-domain.example.org"
      })
  void real_addresses_are_accepted(String address) {
    assertThat(EmailAddress.parse(address)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann",
        "ann@",
        "@example.com",
        "ann@example",
        "ann example@example.com",
        "ann@exa mple.com",
        "ann@@example.com",
        "ann@-example.com"
      })
  void typing_mistakes_are_refused(String address) {
    assertThat(EmailAddress.parse(address)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann@EXAMPLE.com ", " ann@example.com"})
  void a_value_that_is_not_normalised_cannot_be_constructed_directly(String address) {
    assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress(address));
  }
}
