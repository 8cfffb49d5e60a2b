package dev.cairn.channels.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Short links in text messages.
 *
 * @param shorten replace every web link in an SMS by a short tracked one (a step can still say
 *     {@code shorten-links: false}); on by default, since segments cost money
 */
@ConfigurationProperties("cairn.sms.links")
public record SmsLinkProperties(Boolean shorten) {

  public SmsLinkProperties {
    shorten = shorten == null || shorten;
  }
}
