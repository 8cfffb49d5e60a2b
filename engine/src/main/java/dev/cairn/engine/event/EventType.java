package dev.cairn.engine.event;

/** The kinds of calls the event API records, named as in the Segment spec. */
public enum EventType {
  TRACK,
  IDENTIFY
}
