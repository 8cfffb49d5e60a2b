package dev.cairn.engine.zeebe;

import io.camunda.client.api.CamundaFuture;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Placeholder until the retrying implementation lands. */
@Component
public class EngineCommands {
  public <T> T execute(String what, Supplier<? extends CamundaFuture<T>> command) {
    return command.get().join();
  }
}
