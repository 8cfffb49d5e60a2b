package dev.cairn.engine.zeebe;

import java.time.Clock;
import java.time.Duration;

/** Lets tests in other packages send commands the way Cairn does. */
public final class EngineCommandsAccess {

  private EngineCommandsAccess() {}

  public static EngineCommands withPatience(Duration patience) {
    return new EngineCommands(patience, Clock.systemUTC(), Thread::sleep);
  }
}
