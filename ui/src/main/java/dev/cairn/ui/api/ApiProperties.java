package dev.cairn.ui.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Event API settings.
 *
 * @param maxEventSize the largest single event accepted (Segment allows 32 KB)
 * @param maxBatchSize the largest {@code /v1/batch} request accepted (Segment allows 500 KB),
 *     counted unpacked for a gzip-compressed body
 * @param futureTolerance how far ahead of Cairn's clock a call's time may be; a later one is stored
 *     at its receive time, with a warning
 */
@ConfigurationProperties("cairn.api")
record ApiProperties(
    DataSize maxEventSize, DataSize maxBatchSize, @Nullable Duration futureTolerance) {

  ApiProperties {
    futureTolerance =
        futureTolerance == null ? SegmentPayload.DEFAULT_FUTURE_TOLERANCE : futureTolerance;
    maxEventSize = maxEventSize == null ? DataSize.ofKilobytes(32) : maxEventSize;
    maxBatchSize = maxBatchSize == null ? DataSize.ofKilobytes(500) : maxBatchSize;
  }
}
