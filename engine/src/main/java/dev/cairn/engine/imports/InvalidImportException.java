package dev.cairn.engine.imports;

/** A file or plan that cannot be imported at all, with what to change. Nothing was imported. */
public class InvalidImportException extends RuntimeException {

  public InvalidImportException(String message) {
    super(message);
  }
}
