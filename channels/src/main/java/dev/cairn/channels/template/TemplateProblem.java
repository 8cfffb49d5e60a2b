package dev.cairn.channels.template;

/** A template that cannot be rendered, with where the problem is when known. */
public final class TemplateProblem extends RuntimeException {

  public TemplateProblem(String template, String message, Throwable cause) {
    super("Template \"" + template + "\": " + message, cause);
  }

  public TemplateProblem(String template, String message) {
    super("Template \"" + template + "\": " + message);
  }
}
