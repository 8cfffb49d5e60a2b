package dev.cairn.engine.segment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How segments are kept current.
 *
 * @param refreshInterval how often every segment's membership is recomputed
 */
@ConfigurationProperties("cairn.segments")
public record SegmentProperties(Duration refreshInterval) {

  public SegmentProperties {
    refreshInterval = refreshInterval == null ? Duration.ofMinutes(1) : refreshInterval;
  }
}
