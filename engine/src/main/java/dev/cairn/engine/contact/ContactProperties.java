package dev.cairn.engine.contact;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How contact data is read.
 *
 * @param defaultPhoneRegion the country (ISO 3166 code such as "US" or "NO") of phone numbers
 *     sent without a country code; unset: numbers must start with +
 */
@ConfigurationProperties("cairn.contacts")
public record ContactProperties(@Nullable String defaultPhoneRegion) {}
