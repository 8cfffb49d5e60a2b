package dev.cairn.engine.journey;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Documentation;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The ready-made journeys shipped on the classpath under {@code cairn/journeys/}. Each is added
 * once as a draft; the ones named in {@code cairn.journeys.publish-on-install} are published when
 * first added.
 */
@Component
public class JourneyLibrary {

  private static final Logger log = LoggerFactory.getLogger(JourneyLibrary.class);
  static final String LOCATION = "classpath*:cairn/journeys/*.bpmn";

  private final Journeys journeys;
  private final JourneyProperties properties;

  JourneyLibrary(Journeys journeys, JourneyProperties properties) {
    this.journeys = journeys;
    this.properties = properties;
  }

  /** Adds library journeys not yet present and publishes those configured to run at once. */
  public void install() {
    for (LibraryJourney journey : read()) {
      boolean added =
          journeys.addIfAbsent(journey.id(), journey.name(), journey.description(), journey.xml());
      // Also when an earlier start added it but could not reach the engine to publish it.
      if ((added || journeys.neverPublished(journey.id()))
          && properties.publishOnInstall().contains(journey.id())) {
        switch (journeys.publish(journey.id())) {
          case PublishResult.Published published ->
              log.info("Published library journey {}", journey.id());
          case PublishResult.Rejected rejected ->
              log.error(
                  "Library journey {} does not compile: {}", journey.id(), rejected.problems());
          case PublishResult.NotFound notFound ->
              throw new IllegalStateException("just added: " + journey.id());
        }
      }
    }
  }

  List<LibraryJourney> read() {
    try {
      List<LibraryJourney> found = new ArrayList<>();
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
        found.add(parse(resource.getContentAsString(StandardCharsets.UTF_8)));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journey library", e);
    }
  }

  private static LibraryJourney parse(String xml) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    String description =
        process.getDocumentations().stream()
            .map(Documentation::getTextContent)
            .findFirst()
            .orElse(null);
    String name = process.getName() == null ? process.getId() : process.getName();
    return new LibraryJourney(process.getId(), name, description, xml);
  }

  record LibraryJourney(
      String id, String name, @org.jspecify.annotations.Nullable String description, String xml) {}
}
