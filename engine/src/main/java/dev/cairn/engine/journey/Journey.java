package dev.cairn.engine.journey;

import dev.cairn.engine.journey.compile.CompiledJourney;
import dev.cairn.engine.journey.language.EntryRule;
import dev.cairn.engine.journey.language.EntrySchedule;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A journey as the marketer drew it: the source diagram and its publishing state. */
@Entity
@Table(name = "journey")
class Journey {

  @Id private String id;

  private String name;

  private @Nullable String description;

  @Enumerated(EnumType.STRING)
  private JourneyStatus status;

  @Column(name = "trigger_event")
  private @Nullable String triggerEvent;

  @Column(name = "re_entry")
  @Enumerated(EnumType.STRING)
  private EntryRule.ReEntry reEntry = EntryRule.ReEntry.ONE_AT_A_TIME;

  @Column(name = "re_entry_gap_seconds")
  private @Nullable Long reEntryGapSeconds;

  @Column(name = "trigger_filter")
  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> triggerFilter = new LinkedHashMap<>();

  @Column(name = "trigger_schedule")
  private @Nullable String triggerSchedule;

  @Column(name = "trigger_segment")
  private @Nullable String triggerSegment;

  @Column(name = "source_xml")
  private String sourceXml;

  @Column(name = "draft_changed_at")
  private @Nullable Instant draftChangedAt;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Journey() {
    this("", "", null, "", Instant.EPOCH);
  }

  Journey(String id, String name, @Nullable String description, String sourceXml, Instant now) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.sourceXml = sourceXml;
    this.status = JourneyStatus.DRAFT;
    this.createdAt = now;
    this.updatedAt = now;
  }

  String id() {
    return id;
  }

  String name() {
    return name;
  }

  @Nullable String description() {
    return description;
  }

  JourneyStatus status() {
    return status;
  }

  @Nullable String triggerEvent() {
    return triggerEvent;
  }

  void changeStatus(JourneyStatus status, Instant now) {
    this.status = status;
    this.updatedAt = now;
  }

  Map<String, String> triggerFilter() {
    return Map.copyOf(triggerFilter);
  }

  @Nullable EntrySchedule schedule() {
    return triggerSchedule == null ? null : new EntrySchedule(triggerSchedule, triggerSegment);
  }

  EntryRule entryRule() {
    return new EntryRule(
        reEntry, reEntryGapSeconds == null ? null : Duration.ofSeconds(reEntryGapSeconds));
  }

  String sourceXml() {
    return sourceXml;
  }

  /** A new diagram, in effect from the next publication. */
  void revise(String sourceXml, Instant now) {
    this.sourceXml = sourceXml;
    this.draftChangedAt = now;
    this.updatedAt = now;
  }

  /** Whether the diagram changed since it was last published. */
  boolean hasUnpublishedChanges() {
    return draftChangedAt != null;
  }

  /** Publishing a new version of a paused journey keeps it paused. */
  void published(CompiledJourney compiled, Instant now) {
    this.status = status == JourneyStatus.PAUSED ? JourneyStatus.PAUSED : JourneyStatus.PUBLISHED;
    this.draftChangedAt = null;
    this.triggerEvent = compiled.triggerEvent();
    this.reEntry = compiled.entryRule().reEntry();
    Duration gap = compiled.entryRule().minimumGap();
    this.reEntryGapSeconds = gap == null ? null : gap.toSeconds();
    this.triggerFilter = new LinkedHashMap<>(compiled.triggerFilter());
    this.triggerSchedule = compiled.schedule() == null ? null : compiled.schedule().cron();
    this.triggerSegment = compiled.schedule() == null ? null : compiled.schedule().segmentId();
    this.name = compiled.name();
    this.updatedAt = now;
  }
}
