package dev.cairn.channels.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The templates a marketer edits in the console: listing them, opening one, saving a change (never
 * a broken one) and going back to the template Cairn ships.
 */
@Service
public class TemplateLibrary {

  private static final Pattern NAME = Pattern.compile("_?[a-z0-9][a-z0-9_-]{0,63}");

  private final Templates templates;
  private final TemplateOverrides overrides;
  private final Clock clock;

  TemplateLibrary(Templates templates, TemplateOverrides overrides, Clock clock) {
    this.templates = templates;
    this.overrides = overrides;
    this.clock = clock;
  }

  /** The layout first, then every template by name, shipped or saved. */
  @Transactional(readOnly = true)
  public List<TemplateSummary> list() {
    Map<String, StoredTemplate> saved =
        overrides.all().stream()
            .collect(Collectors.toMap(StoredTemplate::name, Function.identity()));
    TreeSet<String> names = new TreeSet<>(templates.shippedNames());
    names.addAll(saved.keySet());
    List<TemplateSummary> list = new ArrayList<>();
    for (String name : names) {
      if (name.contains(".")) {
        continue; // a translation, opened from its template
      }
      TemplateSummary summary = summary(name, Optional.ofNullable(saved.get(name)));
      if (summary.layout()) {
        list.addFirst(summary);
      } else {
        list.add(summary);
      }
    }
    return list;
  }

  @Transactional(readOnly = true)
  public Optional<EditableTemplate> open(String name) {
    return open(name, null);
  }

  /**
   * The template's translation into this locale, or its default when the locale is null. A
   * translation not written yet is empty; {@link #translations} says which exist.
   */
  @Transactional(readOnly = true)
  public Optional<EditableTemplate> open(String template, @Nullable TemplateLocale locale) {
    String name = locale == null ? template : locale.of(template);
    Optional<StoredTemplate> saved = overrides.find(name);
    Optional<String> shipped = templates.shippedSource(name);
    if (saved.isEmpty() && shipped.isEmpty()) {
      return Optional.empty();
    }
    String source = saved.map(StoredTemplate::source).orElseGet(shipped::orElseThrow);
    return Optional.of(new EditableTemplate(summary(name, saved), source, shipped.orElse(null)));
  }

  /** Saves the source as the template in use, unless it is not valid Liquid. */
  @Transactional
  public TemplateSave save(String name, String source, String user) {
    return save(name, null, source, user);
  }

  /**
   * Saves the source as the template's translation into this locale (its default when null), unless
   * it is not valid Liquid: contacts of that locale get it from the next email on.
   */
  @Transactional
  public TemplateSave save(
      String template, @Nullable TemplateLocale locale, String source, String user) {
    if (!NAME.matcher(template).matches()) {
      throw new IllegalArgumentException("not a template name: " + template);
    }
    String name = locale == null ? template : locale.of(template);
    Optional<TemplateDefect.Unreadable> defect = templates.checkInline(name, source);
    if (defect.isPresent()) {
      return new TemplateSave.Refused(defect.get());
    }
    overrides.save(name, source, user, clock.instant());
    return new TemplateSave.Saved(summary(name, overrides.find(name)));
  }

  /** Deletes the saved template, so the shipped one is used again; false when none was saved. */
  @Transactional
  public boolean resetToShipped(String name) {
    return overrides.delete(name);
  }

  /**
   * Deletes the saved translation: the shipped one is used again if Cairn ships it, else contacts
   * of that locale get the template's default; false when none was saved.
   */
  @Transactional
  public boolean resetToShipped(String template, TemplateLocale locale) {
    return overrides.delete(locale.of(template));
  }

  /** The locales the template is translated into, shipped or saved, sorted by tag. */
  @Transactional(readOnly = true)
  public List<TemplateLocale> translations(String template) {
    return templates.translations(template);
  }

  private TemplateSummary summary(String name, Optional<StoredTemplate> saved) {
    if (saved.isEmpty()) {
      return new TemplateSummary(name, TemplateOrigin.SHIPPED, null, null);
    }
    TemplateOrigin origin =
        templates.shippedExists(name) ? TemplateOrigin.EDITED : TemplateOrigin.ADDED;
    return new TemplateSummary(name, origin, saved.get().updatedAt(), saved.get().updatedBy());
  }
}
