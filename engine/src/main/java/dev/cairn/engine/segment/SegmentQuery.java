package dev.cairn.engine.segment;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A segment's rule as one SQL condition on {@code contact c}, values bound as parameters (never
 * spliced into the text). Event rules become (not) exists / count / sum subqueries on {@code
 * contact_event}, so a segment is counted by PostgreSQL without loading contacts.
 */
final class SegmentQuery {

  static final String TRAIT_PREFIX = "trait:";
  private static final Map<String, String> TEXT_COLUMNS =
      Map.of(
          "email", "c.email",
          "phone", "c.phone",
          "first_name", "c.first_name",
          "last_name", "c.last_name",
          "external_id", "c.external_id",
          "time_zone", "c.time_zone",
          "locale", "c.locale",
          "lifecycle_stage",
              "cairn_lifecycle_stage(c.order_count, c.last_order_at, c.email, c.last_seen_at)",
          "email_consent", consent("EMAIL"),
          "sms_consent", consent("SMS"));
  private static final Set<String> NUMBER_COLUMNS =
      Set.of(
          "order_count",
          "total_revenue",
          "rfm_recency",
          "rfm_frequency",
          "rfm_monetary",
          "engagement_score");
  private static final Set<String> TIME_COLUMNS =
      Set.of("created_at", "last_seen_at", "first_order_at", "last_order_at");

  private final Map<String, Object> parameters = new LinkedHashMap<>();

  /** What an attribute holds, which decides the operators that compare it. */
  enum Kind {
    TEXT(
        "text",
        List.of(
            AttributeOperator.EQUALS,
            AttributeOperator.NOT_EQUALS,
            AttributeOperator.CONTAINS,
            AttributeOperator.STARTS_WITH,
            AttributeOperator.IS_SET,
            AttributeOperator.IS_NOT_SET)),
    NUMBER(
        "a number",
        List.of(
            AttributeOperator.EQUALS,
            AttributeOperator.NOT_EQUALS,
            AttributeOperator.AT_LEAST,
            AttributeOperator.AT_MOST,
            AttributeOperator.GREATER_THAN,
            AttributeOperator.LESS_THAN,
            AttributeOperator.IS_SET,
            AttributeOperator.IS_NOT_SET)),
    DATE(
        "a date",
        List.of(
            AttributeOperator.BEFORE,
            AttributeOperator.AFTER,
            AttributeOperator.WITHIN_LAST_DAYS,
            AttributeOperator.MORE_THAN_DAYS_AGO,
            AttributeOperator.IS_SET,
            AttributeOperator.IS_NOT_SET)),
    BOOLEAN(
        "true or false",
        List.of(
            AttributeOperator.IS_TRUE,
            AttributeOperator.IS_FALSE,
            AttributeOperator.IS_SET,
            AttributeOperator.IS_NOT_SET)),
    LIST(
        "a list",
        List.of(
            AttributeOperator.CONTAINS, AttributeOperator.IS_SET, AttributeOperator.IS_NOT_SET)),
    TAG(
        "a tag",
        List.of(
            AttributeOperator.EQUALS,
            AttributeOperator.NOT_EQUALS,
            AttributeOperator.IS_SET,
            AttributeOperator.IS_NOT_SET)),
    /** A trait no one declared: anything goes, compared as its stored JSON allows. */
    UNDECLARED("a custom trait", List.of(AttributeOperator.values()));

    private final String description;
    private final List<AttributeOperator> operators;

    Kind(String description, List<AttributeOperator> operators) {
      this.description = description;
      this.operators = operators;
    }

    String description() {
      return description;
    }

    List<AttributeOperator> operators() {
      return operators;
    }
  }

  /**
   * The kind of a field or trait ({@code trait:<name>}), or an {@link InvalidSegmentException}
   * naming the attributes there are.
   */
  static Kind kindOf(String name, AttributeSchema schema) {
    if (TIME_COLUMNS.contains(name)) {
      return Kind.DATE;
    }
    if (NUMBER_COLUMNS.contains(name)) {
      return Kind.NUMBER;
    }
    if (TEXT_COLUMNS.containsKey(name)) {
      return Kind.TEXT;
    }
    if (name.equals("tag")) {
      return Kind.TAG;
    }
    if (name.startsWith(TRAIT_PREFIX) && name.length() > TRAIT_PREFIX.length()) {
      return schema
          .typeOf(name.substring(TRAIT_PREFIX.length()))
          .map(SegmentQuery::kindOf)
          .orElse(Kind.UNDECLARED);
    }
    throw new InvalidSegmentException(
        "\""
            + name
            + "\" is not an attribute contacts have; use one of "
            + attributes().stream().sorted().toList()
            + " or a custom trait as trait:<name>.");
  }

  /** How a trait declared with this type is compared. */
  static Kind kindOf(AttributeType type) {
    return switch (type) {
      case STRING -> Kind.TEXT;
      case NUMBER -> Kind.NUMBER;
      case BOOLEAN -> Kind.BOOLEAN;
      case DATE -> Kind.DATE;
      case LIST -> Kind.LIST;
    };
  }

  /** subscribed, pending, unsubscribed, or null (never asked). */
  private static String consent(String channel) {
    return "(select lower(cc.status) from contact_consent cc where cc.contact_id = c.id and cc.channel = '"
        + channel
        + "')";
  }

  /** The parameter naming the journey instance a branch asks for, in {@link #inJourney} queries. */
  static final String JOURNEY_INSTANCE = "journeyInstance";

  private final boolean inJourney;
  private final AttributeSchema schema;
  private final String condition;

  private SegmentQuery(SegmentRule rule, boolean inJourney, AttributeSchema schema) {
    this.inJourney = inJourney;
    this.schema = schema;
    this.condition = sql(rule);
  }

  /**
   * The condition, or an {@link InvalidSegmentException} saying what to fix; traits compared as no
   * one declared them.
   */
  static SegmentQuery of(SegmentRule rule) {
    return of(rule, AttributeSchema.none());
  }

  /** The condition, comparing declared attributes as their type says. */
  static SegmentQuery of(SegmentRule rule, AttributeSchema schema) {
    return new SegmentQuery(rule, false, schema);
  }

  /**
   * A journey branch's condition, which may also ask about earlier steps ({@code
   * :journeyInstance}), comparing declared attributes as their type says.
   */
  static SegmentQuery inJourney(SegmentRule rule, AttributeSchema schema) {
    return new SegmentQuery(rule, true, schema);
  }

  String condition() {
    return condition;
  }

  Map<String, Object> parameters() {
    return parameters;
  }

  /** The attributes rules can use besides custom traits. */
  static Set<String> attributes() {
    return java.util.stream.Stream.of(
            TEXT_COLUMNS.keySet(), NUMBER_COLUMNS, TIME_COLUMNS, Set.of("tag"))
        .flatMap(Set::stream)
        .collect(Collectors.toSet());
  }

  private String sql(SegmentRule rule) {
    return switch (rule) {
      case SegmentRule.All all -> group(all.rules(), " and ", "true");
      case SegmentRule.Any any -> group(any.rules(), " or ", "false");
      case SegmentRule.Attribute attribute -> attribute(attribute);
      case SegmentRule.Activity activity -> activity(activity);
      case SegmentRule.Membership membership ->
          (membership.member() ? "" : "not ")
              + "exists (select 1 from segment_member m where m.segment_id = "
              + bind(membership.segmentId())
              + " and m.contact_id = c.id)";
      case SegmentRule.Engagement engagement -> engagement(engagement);
      case SegmentRule.ListMembership list when list.listId().isBlank() ->
          throw new InvalidSegmentException("Pick the list contacts must (or must not) be on.");
      case SegmentRule.ListMembership list ->
          (list.member() ? "" : "not ")
              + "exists (select 1 from contact_list_member l where l.list_id = "
              + bind(list.listId())
              + " and l.contact_id = c.id)";
    };
  }

  /** The message the step sent in this journey instance, and what became of it. */
  private String engagement(SegmentRule.Engagement rule) {
    if (!inJourney) {
      throw new InvalidSegmentException(
          "\""
              + rule.action().name().toLowerCase(java.util.Locale.ROOT)
              + " the message of step "
              + rule.step()
              + "\" only makes sense inside a journey's branch; a segment can ask whether contacts did \"Email Opened\" instead.");
    }
    String outcome =
        switch (rule.action()) {
          case OPENED -> tookMessage("Email Opened");
          case CLICKED -> tookMessage("Email Clicked");
          case BOUNCED -> "sent.status in ('FAILED', 'BOUNCED')";
        };
    return (rule.did() ? "" : "not ")
        + "exists (select 1 from message sent where sent.process_instance_key = :"
        + JOURNEY_INSTANCE
        + " and sent.element_id = "
        + bind(rule.step().strip())
        + " and sent.contact_id = c.id and "
        + outcome
        + ")";
  }

  private String tookMessage(String event) {
    return "exists (select 1 from contact_event took where took.contact_id = sent.contact_id and took.name = "
        + bind(event)
        + " and took.properties ->> 'message_id' = sent.id::text)";
  }

  private String group(List<SegmentRule> rules, String joiner, String empty) {
    if (rules.isEmpty()) {
      return empty;
    }
    return rules.stream().map(this::sql).collect(Collectors.joining(joiner, "(", ")"));
  }

  private String attribute(SegmentRule.Attribute rule) {
    String name = rule.attribute().strip();
    AttributeOperator operator = rule.operator();
    String value = rule.value() == null ? null : rule.value().strip();
    if (operator.needsValue() && (value == null || value.isEmpty())) {
      throw new InvalidSegmentException("\"" + name + " " + operator.label() + "\" needs a value.");
    }
    Kind kind = kindOf(name, schema);
    if (!kind.operators().contains(operator)) {
      throw new InvalidSegmentException(
          "\""
              + name
              + "\" is "
              + kind.description()
              + "; \""
              + operator.label()
              + "\" "
              + compares(operator)
              + ". Use "
              + kind.operators().stream()
                  .map(o -> "\"" + o.label() + "\"")
                  .collect(Collectors.joining(", "))
              + ".");
    }
    if (TIME_COLUMNS.contains(name)) {
      return timeCondition("c." + name, name, operator, value);
    }
    if (name.equals("tag")) {
      return switch (operator) {
        case EQUALS -> "lower(" + bind(value) + ") = any(c.tags)";
        case NOT_EQUALS -> "not (lower(" + bind(value) + ") = any(c.tags))";
        case IS_SET -> "cardinality(c.tags) > 0";
        default -> "cardinality(c.tags) = 0";
      };
    }
    String text;
    String number;
    String list = null;
    if (TEXT_COLUMNS.containsKey(name)) {
      text = TEXT_COLUMNS.get(name);
      number = null;
    } else if (NUMBER_COLUMNS.contains(name)) {
      text = "c." + name + "::text";
      number = "c." + name;
    } else {
      String key = bind(name.substring(TRAIT_PREFIX.length()));
      text = "(c.traits ->> " + key + ")";
      number =
          "(case when jsonb_typeof(c.traits -> "
              + key
              + ") = 'number' then (c.traits ->> "
              + key
              + ")::numeric end)";
      list =
          "jsonb_array_elements_text(case when jsonb_typeof(c.traits -> "
              + key
              + ") = 'array' then c.traits -> "
              + key
              + " else '[]'::jsonb end)";
      if (kind == Kind.DATE) {
        return timeCondition(dateOf(text), name, operator, value);
      }
      if (kind == Kind.LIST) {
        return switch (operator) {
          case CONTAINS ->
              "exists (select 1 from "
                  + list
                  + " item where lower(item) = lower("
                  + bind(value)
                  + "))";
          case IS_SET -> "exists (select 1 from " + list + " item)";
          default -> "not exists (select 1 from " + list + " item)";
        };
      }
    }
    if (kind == Kind.NUMBER
        && (operator == AttributeOperator.EQUALS || operator == AttributeOperator.NOT_EQUALS)) {
      String compared =
          number
              + (operator == AttributeOperator.EQUALS ? " = " : " <> ")
              + bind(decimal(name, value));
      return operator == AttributeOperator.EQUALS
          ? compared
          : "(" + number + " is null or " + compared + ")";
    }
    return switch (operator) {
      case EQUALS -> "lower(" + text + ") = lower(" + bind(value) + ")";
      case NOT_EQUALS ->
          "(" + text + " is null or lower(" + text + ") <> lower(" + bind(value) + "))";
      case CONTAINS ->
          list == null
              ? text + " ilike " + bind("%" + escapeLike(value) + "%")
              // A trait no one declared may hold a list or text: an item of the one, a part of the
              // other.
              : "(case when jsonb_typeof(c.traits -> "
                  + bind(name.substring(TRAIT_PREFIX.length()))
                  + ") = 'array' then exists (select 1 from "
                  + list
                  + " item where lower(item) = lower("
                  + bind(value)
                  + ")) else "
                  + text
                  + " ilike "
                  + bind("%" + escapeLike(value) + "%")
                  + " end)";
      case STARTS_WITH -> text + " ilike " + bind(escapeLike(value) + "%");
      case IS_SET -> "(" + text + " is not null and " + text + " <> '')";
      case IS_NOT_SET -> "(" + text + " is null or " + text + " = '')";
      case IS_TRUE -> "lower(" + text + ") = 'true'";
      case IS_FALSE -> "lower(" + text + ") = 'false'";
      case GREATER_THAN -> number + " > " + bind(decimal(name, value));
      case LESS_THAN -> number + " < " + bind(decimal(name, value));
      case AT_LEAST -> number + " >= " + bind(decimal(name, value));
      case AT_MOST -> number + " <= " + bind(decimal(name, value));
      case WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO, BEFORE, AFTER ->
          timeCondition(dateOf(text), name, operator, value);
    };
  }

  private static String compares(AttributeOperator operator) {
    return switch (operator) {
      case GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST -> "compares numbers";
      case BEFORE, AFTER, WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO -> "compares dates";
      case IS_TRUE, IS_FALSE -> "asks about true or false";
      default -> "does not apply";
    };
  }

  /** A trait's text as a time, when it reads as one (declared dates are stored as ISO text). */
  private static String dateOf(String text) {
    return "(case when "
        + text
        + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then cairn_try_timestamptz("
        + text
        + ") end)";
  }

  private String timeCondition(
      String column, String name, AttributeOperator operator, String value) {
    return switch (operator) {
      case IS_SET -> column + " is not null";
      case IS_NOT_SET -> column + " is null";
      case WITHIN_LAST_DAYS ->
          column + " >= now() - make_interval(days => " + bind(days(name, value)) + ")";
      case MORE_THAN_DAYS_AGO ->
          column + " < now() - make_interval(days => " + bind(days(name, value)) + ")";
      case BEFORE -> column + " < cast(" + bind(date(name, value)) + " as date)";
      case AFTER -> column + " >= cast(" + bind(date(name, value)) + " as date) + 1";
      default ->
          throw new InvalidSegmentException(
              "\""
                  + name
                  + "\" is a date; use \"is before\", \"is after\", \"is within the last (days)\", \"is more than (days) ago\", \"is set\" or \"is not set\".");
    };
  }

  private String activity(SegmentRule.Activity rule) {
    if (rule.event().isBlank()) {
      throw new InvalidSegmentException(
          "An activity rule needs the event's name, e.g. Order Completed.");
    }
    if (rule.withinDays() != null && rule.withinDays() < 1) {
      throw new InvalidSegmentException(
          "\"within the last days\" must be 1 or more, or empty for ever.");
    }
    StringBuilder events =
        new StringBuilder(
                "from contact_event e where e.contact_id = c.id and e.type = 'TRACK' and e.name = ")
            .append(bind(rule.event().strip()));
    if (rule.withinDays() != null) {
      events
          .append(" and e.occurred_at >= now() - make_interval(days => ")
          .append(bind(rule.withinDays()))
          .append(")");
    }
    String holds;
    if (rule.sumProperty() != null && !rule.sumProperty().isBlank()) {
      if (rule.sumAtLeast() == null) {
        throw new InvalidSegmentException(
            "Summing \"" + rule.sumProperty() + "\" needs the total to reach, e.g. 500.");
      }
      String key = bind(rule.sumProperty().strip());
      holds =
          "(select coalesce(sum(case when jsonb_typeof(e.properties -> "
              + key
              + ") = 'number' then (e.properties ->> "
              + key
              + ")::numeric end), 0) "
              + events
              + ") >= "
              + bind(rule.sumAtLeast())
              + " and (select count(*) "
              + events
              + ") >= "
              + bind(rule.atLeast());
    } else if (rule.atLeast() == 1) {
      holds = "exists (select 1 " + events + ")";
    } else {
      holds = "(select count(*) " + events + ") >= " + bind(rule.atLeast());
    }
    return rule.did() ? "(" + holds + ")" : "not (" + holds + ")";
  }

  private String bind(Object value) {
    String name = "p" + parameters.size();
    parameters.put(name, value);
    return ":" + name;
  }

  private static int days(String name, String value) {
    try {
      int days = Integer.parseInt(value);
      if (days >= 1) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSegmentException(
        "\"" + name + "\" needs a number of days of 1 or more, not \"" + value + "\".");
  }

  private static String date(String name, String value) {
    try {
      return java.time.LocalDate.parse(value).toString();
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidSegmentException(
          "\""
              + name
              + "\" compares dates; \""
              + value
              + "\" is not a date, write it as 2026-03-01.");
    }
  }

  private static BigDecimal decimal(String name, String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new InvalidSegmentException(
          "\"" + name + "\" compares numbers; \"" + value + "\" is not a number.");
    }
  }

  private static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
