package dev.cairn.engine.contact;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a contact's orders add up to and where they are as a customer.
 *
 * @param lifecycleStage visitor, subscriber, lead, first-time / repeat / loyal customer, at-risk,
 *     lapsed
 * @param rfm recency, frequency and monetary scores 1-5 among all customers ("5-4-3"); null before
 *     the first order or the next scoring
 * @param engagementScore 0-100 from the last 90 days of opens, clicks, bounces, complaints and
 *     unsubscribes, as of the last scoring (with the segments' refresh)
 */
public record ContactMetrics(
    String lifecycleStage,
    int orderCount,
    BigDecimal totalRevenue,
    @Nullable Instant firstOrderAt,
    @Nullable Instant lastOrderAt,
    @Nullable String rfm,
    int engagementScore) {}
