package dev.cairn.engine.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How consent is applied.
 *
 * @param emailRequiresOptIn true: email only to contacts who subscribed (strict opt-in); false
 *     (default): to everyone who has not unsubscribed (existing-customer soft opt-in). SMS always
 *     needs a subscription.
 */
@ConfigurationProperties("cairn.consent")
public record ConsentProperties(boolean emailRequiresOptIn) {}
