package dev.cairn.channels.tracking;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Email tracking settings.
 *
 * @param publicUrl where recipients reach Cairn (tracking links and unsubscribe pages point here)
 * @param secret signs tracking links; unset: Cairn generates one and keeps it in its database
 * @param linkLifetime how long tracking and unsubscribe links work after sending
 */
@ConfigurationProperties("cairn.tracking")
public record TrackingProperties(String publicUrl, @Nullable String secret, Duration linkLifetime) {

  public TrackingProperties {
    publicUrl =
        publicUrl == null || publicUrl.isBlank()
            ? "http://localhost:8080"
            : publicUrl.replaceAll("/+$", "");
    linkLifetime = linkLifetime == null ? Duration.ofDays(365) : linkLifetime;
  }
}
