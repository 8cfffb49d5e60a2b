package dev.cairn.engine.event;

/** The kinds of calls the event API records, named as in the Segment spec. */
public enum EventType {
  /** Something the contact did ("Order Completed"). */
  TRACK,
  /** Who the contact is: traits, and the link between an anonymous and a known id. */
  IDENTIFY,
  /** A web page the contact viewed. */
  PAGE,
  /** An app screen the contact viewed. */
  SCREEN,
  /** The contact belongs to a group (company, team, account). */
  GROUP,
  /** Two ids are the same person: the contacts behind them become one. */
  ALIAS
}
