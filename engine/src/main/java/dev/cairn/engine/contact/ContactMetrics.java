package dev.cairn.engine.contact;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a contact's orders add up to and where they are as a customer.
 *
 * @param lifecycleStage visitor, subscriber, lead, first-time / repeat / loyal customer, at-risk, lapsed
 * @param rfm recency, frequency and monetary scores 1-5 among all customers ("5-4-3"); null before
 *     the first order or the next scoring
 */
public record ContactMetrics(
    String lifecycleStage,
    int orderCount,
    BigDecimal totalRevenue,
    @Nullable Instant firstOrderAt,
    @Nullable Instant lastOrderAt,
    @Nullable String rfm) {}
