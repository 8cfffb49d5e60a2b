package dev.cairn.engine.segment;

/** A segment rule that cannot be evaluated, with what to change, in a marketer's words. */
public class InvalidSegmentException extends RuntimeException {

  public InvalidSegmentException(String message) {
    super(message);
  }
}
