package dev.cairn.journeys.elementtemplates;

import dev.cairn.channels.template.Templates;
import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.journey.compile.JourneyCompiler;
import dev.cairn.engine.step.StepHandler;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.mockito.Mockito;
import org.springframework.beans.TypeConverter;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every step handler Cairn has (engine and channels, found on the classpath as the application
 * finds them) and the real journey compiler they are handed to. What the handlers would talk to at
 * run time (the database, SMTP, Twilio) is stood in by mocks: templates and journeys are checked
 * against what the handlers declare and validate, never against what they send. The Liquid
 * templates are the real ones, so a "send email" step must name a template that exists.
 */
final class CairnSteps {

  private static final CairnSteps INSTANCE = new CairnSteps();

  private final Map<String, StepHandler> handlers;
  private final JourneyCompiler compiler;

  private CairnSteps() {
    MockingBeanFactory beans = new MockingBeanFactory();
    beans.setConversionService(
        ApplicationConversionService
            .getSharedInstance()); // @Value("${...:PT5S}") into a Duration, as in the application
    GenericApplicationContext context = new GenericApplicationContext(beans);
    AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
    context.registerBean(Templates.class);
    // Bound as the application binds it, with nothing configured: the defaults a fresh install has.
    context.registerBean(
        JourneyProperties.class,
        () ->
            Binder.get(context.getEnvironment())
                .bindOrCreate("cairn.journeys", JourneyProperties.class));
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AssignableTypeFilter(StepHandler.class));
    for (BeanDefinition handler : scanner.findCandidateComponents("dev.cairn")) {
      context.registerBeanDefinition(handler.getBeanClassName(), handler);
    }
    // Its constructor is the application's wiring, not public API: let Spring call it, as it does
    // there.
    context.registerBean(JourneyCompiler.class);
    context.refresh();
    this.handlers =
        context.getBeansOfType(StepHandler.class).values().stream()
            .collect(Collectors.toUnmodifiableMap(StepHandler::type, Function.identity()));
    this.compiler = context.getBean(JourneyCompiler.class);
  }

  static CairnSteps get() {
    return INSTANCE;
  }

  /** The job types of all steps, keyed to their handlers. */
  Map<String, StepHandler> handlers() {
    return handlers;
  }

  Optional<StepHandler> handler(String type) {
    return Optional.ofNullable(handlers.get(type));
  }

  JourneyCompiler compiler() {
    return compiler;
  }

  /** Resolves what the context has, and hands out a mock for anything else a handler needs. */
  private static final class MockingBeanFactory extends DefaultListableBeanFactory {
    @Override
    public @Nullable Object doResolveDependency(
        DependencyDescriptor descriptor,
        @Nullable String beanName,
        @Nullable Set<String> autowiredBeanNames,
        @Nullable TypeConverter typeConverter) {
      try {
        return super.doResolveDependency(descriptor, beanName, autowiredBeanNames, typeConverter);
      } catch (NoSuchBeanDefinitionException e) {
        if (descriptor.getDependencyType() == Attributes.class) {
          // No attribute declared: every value is taken as it comes, as in a fresh workspace.
          Attributes none = Mockito.mock(Attributes.class);
          Mockito.when(none.schema()).thenReturn(AttributeSchema.none());
          return none;
        }
        return Mockito.mock(descriptor.getDependencyType());
      }
    }
  }
}
