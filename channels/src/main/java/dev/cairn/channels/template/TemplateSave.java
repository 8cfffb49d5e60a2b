package dev.cairn.channels.template;

/** What became of saving a template. */
public sealed interface TemplateSave {

  /** Saved: the next email that uses it, on any replica, is rendered from it. */
  record Saved(TemplateSummary template) implements TemplateSave {}

  /** Not saved, and nothing written: the source is not valid Liquid. */
  record Refused(TemplateDefect.Unreadable defect) implements TemplateSave {}
}
