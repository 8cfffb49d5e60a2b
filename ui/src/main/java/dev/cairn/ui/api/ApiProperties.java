package dev.cairn.ui.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Event API settings.
 *
 * @param maxEventSize the largest single event accepted (Segment allows 32 KB)
 * @param maxBatchSize the largest {@code /v1/batch} request accepted (Segment allows 500 KB)
 */
@ConfigurationProperties("cairn.api")
record ApiProperties(DataSize maxEventSize, DataSize maxBatchSize) {

  ApiProperties {
    maxEventSize = maxEventSize == null ? DataSize.ofKilobytes(32) : maxEventSize;
    maxBatchSize = maxBatchSize == null ? DataSize.ofKilobytes(500) : maxBatchSize;
  }
}
