package dev.cairn.ui.api;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Event API settings.
 *
 * @param writeKey a write key to accept in addition to generated ones (deployments, tests)
 * @param maxEventSize the largest single event accepted (Segment allows 32 KB)
 * @param maxBatchSize the largest {@code /v1/batch} request accepted (Segment allows 500 KB)
 */
@ConfigurationProperties("cairn.api")
record ApiProperties(@Nullable String writeKey, DataSize maxEventSize, DataSize maxBatchSize) {

  ApiProperties {
    maxEventSize = maxEventSize == null ? DataSize.ofKilobytes(32) : maxEventSize;
    maxBatchSize = maxBatchSize == null ? DataSize.ofKilobytes(500) : maxBatchSize;
  }
}
