package dev.cairn.engine.segment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a contact did with a message a journey sent them. */
public enum EngagementAction {
  @JsonProperty("opened")
  OPENED,
  @JsonProperty("clicked")
  CLICKED,
  @JsonProperty("bounced")
  BOUNCED
}
