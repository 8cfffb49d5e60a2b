package dev.cairn.ui.console;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.duplicate.ConsentChoice;
import dev.cairn.engine.duplicate.MergeField;
import dev.cairn.engine.duplicate.MergePreview;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a merge will do, in the order a marketer checks it: what moves, consent, then every
 * attribute and which value wins.
 */
final class MergeSummary extends Div {

  MergeSummary(MergePreview preview) {
    addClassName("merge-summary");
    String merged = preview.merged().displayName();
    String survivor = preview.survivor().displayName();
    add(
        new Paragraph(
            "Moves to "
                + survivor
                + ": "
                + count(preview.events(), "event")
                + ", "
                + count(preview.messages(), "message")
                + ", "
                + count(preview.journeys(), "journey enrolment")
                + (preview.journeys() > 0 ? " (running journeys go on)" : "")
                + "."));
    add(new Paragraph(lists(preview)));
    for (ConsentChoice choice : preview.consents()) {
      add(new Paragraph(consent(choice, merged)));
    }
    add(
        new Paragraph(
            "Orders and revenue add up: "
                + count(preview.orders(), "order")
                + ", "
                + preview.revenue().toPlainString()
                + " revenue. First seen is the earlier of the two, last seen the later."));

    Grid<MergeField> fields = new Grid<>();
    fields.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    fields.addColumn(MergeField::name).setHeader("Attribute");
    fields.addColumn(field -> shown(field.survivor())).setHeader(survivor + " (stays)");
    fields.addColumn(field -> shown(field.merged())).setHeader(merged);
    fields.addColumn(field -> shown(field.after())).setHeader("After the merge");
    fields.addColumn(field -> note(field, merged)).setHeader("Why").setFlexGrow(2);
    fields.setItems(preview.fields());
    fields.setAllRowsVisible(true);
    fields.addClassName("merge-fields");
    add(fields);
    add(
        new Paragraph(
            merged
                + " is then removed; their page and id lead to "
                + survivor
                + ". A merge cannot be undone."));
  }

  private static String lists(MergePreview preview) {
    if (preview.listsJoined().isEmpty() && preview.listsShared().isEmpty()) {
      return "Lists: none to move.";
    }
    String joins =
        preview.listsJoined().isEmpty() ? "" : "joins " + String.join(", ", preview.listsJoined());
    String shared =
        preview.listsShared().isEmpty()
            ? ""
            : "already on " + String.join(", ", preview.listsShared());
    return "Lists: " + joins + (joins.isEmpty() || shared.isEmpty() ? "" : "; ") + shared + ".";
  }

  private static String consent(ConsentChoice choice, String merged) {
    String channel =
        choice.channel().name().charAt(0)
            + choice.channel().name().substring(1).toLowerCase(Locale.ROOT);
    Consent after = choice.after();
    if (!choice.changes()) {
      return channel
          + " consent stays "
          + describe(after)
          + (choice.merged() == null ? "." : ": the more recent decision.");
    }
    return channel
        + " consent becomes "
        + describe(after)
        + ", "
        + merged
        + "'s "
        + (choice.survivor() == null ? "decision." : "more recent decision.");
  }

  private static String describe(@Nullable Consent consent) {
    return consent == null
        ? "not asked"
        : consent.status().name().toLowerCase(Locale.ROOT)
            + " ("
            + consent.source()
            + ", "
            + Formats.timestamp(consent.changedAt())
            + ")";
  }

  private static String note(MergeField field, String merged) {
    return switch (field.resolution()) {
      case SAME -> "the same";
      case KEPT -> "kept";
      case TAKEN -> "taken from " + merged;
      case SURVIVOR_WINS -> merged + "'s value is dropped";
      case JOINED -> "both together";
    };
  }

  private static String shown(@Nullable String value) {
    return value == null ? "—" : value;
  }

  private static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
