package dev.cairn.channels.template;

import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.nodes.LNode;

/**
 * {@code {% subject %}Merci, {{ contact.first_name }}{% endsubject %}}: a template (a translation,
 * typically) sets its email's subject, instead of the step's. Writes nothing where it stands.
 */
final class SubjectBlock extends Block {

  /** Where the rendered subject is left for the sender, in the render's environment. */
  static final String SET = "cairn.subject";

  SubjectBlock() {
    super("subject");
  }

  @Override
  public Object render(TemplateContext context, LNode... nodes) {
    // The environment is shared by every nested scope of one render ({% if %}, {% for %}).
    context
        .getEnvironmentMap()
        .put(SET, nodes.length == 0 ? "" : String.valueOf(nodes[0].render(context)).strip());
    return "";
  }
}
