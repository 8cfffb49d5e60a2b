package dev.cairn.engine.journey.compile;

import dev.cairn.engine.journey.check.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Says why a diagram could not be read, on the elements at fault where it can: ids used twice or
 * not allowed as ids, paths whose ends name nothing. The BPMN reader stops at the first such
 * mistake and words it in XML Schema terms ({@code cvc-id.2: There are multiple occurrences of ID
 * value 'a'}), so the XML is read again here, without the schema, to find them all.
 */
public final class DiagramSyntax {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  // XML's NCName (what an id must be), without the rarely used characters beyond U+FFFF.
  private static final String NAME_START =
      "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D"
          + "\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
  private static final Pattern NCNAME =
      Pattern.compile(
          "[" + NAME_START + "][" + NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*");
  private static final Pattern READER_WORDS =
      Pattern.compile(
          "^(?:(?:Fatal )?Error: URI=\\S* Line=(\\d+): )?(?:cvc-[\\w.-]+: )?(.*)$", Pattern.DOTALL);

  private DiagramSyntax() {}

  public static List<Problem> explain(String xml, RuntimeException failure) {
    Document document = readPlain(xml);
    if (document == null) {
      return List.of(unreadable(failure));
    }
    Map<String, List<Element>> byId = new LinkedHashMap<>();
    NodeList elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (element.hasAttribute("id")) {
        byId.computeIfAbsent(element.getAttribute("id"), key -> new ArrayList<>()).add(element);
      }
    }
    List<Problem> problems = new ArrayList<>();
    byId.forEach((id, owners) -> ids(id, owners, problems));
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (BPMN.equals(element.getNamespaceURI()) && "sequenceFlow".equals(element.getLocalName())) {
        path(element, byId, problems);
      }
      if (BPMN.equals(element.getNamespaceURI())
          && element.hasAttribute("default")
          && !byId.containsKey(element.getAttribute("default"))) {
        problems.add(
            new Problem(
                idOf(element),
                label(element)
                    + " has the default path \""
                    + element.getAttribute("default")
                    + "\", which is not in the diagram; make one of its paths the default."));
      }
    }
    return problems.isEmpty() ? List.of(unreadable(failure)) : problems;
  }

  private static void ids(String id, List<Element> owners, List<Problem> problems) {
    if (!NCNAME.matcher(id).matches()) {
      for (Element owner : owners) {
        String named =
            owner.hasAttribute("name") && !owner.getAttribute("name").isBlank()
                ? label(owner) + " has the id \"" + id + "\", which"
                : "The id \"" + id + "\"";
        problems.add(
            new Problem(
                id.isEmpty() ? null : id,
                named
                    + " is not allowed as an id: an id starts with a letter or _ and contains only letters, digits, -, _ and . (no spaces)."));
      }
    }
    if (owners.size() > 1) {
      List<String> who = owners.stream().map(DiagramSyntax::describe).toList();
      problems.add(
          new Problem(
              id,
              "The id \""
                  + id
                  + "\" is used by "
                  + owners.size()
                  + " elements ("
                  + String.join(", ", who)
                  + "); give each element an id of its own."));
    }
  }

  private static void path(Element flow, Map<String, List<Element>> byId, List<Problem> problems) {
    String sourceRef = flow.getAttribute("sourceRef");
    String targetRef = flow.getAttribute("targetRef");
    String path = "The path \"" + (flow.hasAttribute("id") ? flow.getAttribute("id") : "") + "\"";
    if (sourceRef.isBlank()) {
      problems.add(
          new Problem(idOf(flow), path + " does not start at a step; connect it or delete it."));
    } else if (!byId.containsKey(sourceRef)) {
      problems.add(
          new Problem(
              idOf(flow),
              path
                  + " starts at \""
                  + sourceRef
                  + "\", which is not in the diagram; connect it to a step or delete it."));
    }
    String from =
        byId.containsKey(sourceRef) ? " from " + label(byId.get(sourceRef).getFirst()) : "";
    if (targetRef.isBlank()) {
      problems.add(
          new Problem(
              idOf(flow),
              path + from + " does not lead anywhere; connect it to a step or delete it."));
    } else if (!byId.containsKey(targetRef)) {
      problems.add(
          new Problem(
              idOf(flow),
              path
                  + from
                  + " leads to \""
                  + targetRef
                  + "\", which is not in the diagram; connect it to a step or delete it."));
    }
  }

  private static @Nullable Document readPlain(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new Strict());
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      return null; // not even well-formed XML: the reader's own message says where
    }
  }

  private static Problem unreadable(RuntimeException failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    Matcher words = READER_WORDS.matcher(String.valueOf(root.getMessage()).strip());
    if (words.matches()) {
      String line = words.group(1) == null ? "" : " (line " + words.group(1) + ")";
      return new Problem(null, "The diagram is not valid BPMN XML" + line + ": " + words.group(2));
    }
    return new Problem(null, "The diagram is not valid BPMN XML: " + root.getMessage());
  }

  private static @Nullable String idOf(Element element) {
    String id = element.getAttribute("id");
    return id.isBlank() ? null : id;
  }

  private static String label(Element element) {
    String name = element.getAttribute("name");
    return "\"" + (name.isBlank() ? element.getAttribute("id") : name.strip()) + "\"";
  }

  /** "Entry", or what the element is when it has no name: "an end event". */
  private static String describe(Element element) {
    if (!element.getAttribute("name").isBlank()) {
      return label(element);
    }
    if (!BPMN.equals(element.getNamespaceURI())) {
      return "a shape of the drawing";
    }
    String kind =
        element.getLocalName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
  }

  /** Fails on the first error instead of printing it to the console. */
  private static final class Strict implements ErrorHandler {
    @Override
    public void warning(SAXParseException exception) {}

    @Override
    public void error(SAXParseException exception) throws SAXParseException {
      throw exception;
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXParseException {
      throw exception;
    }
  }
}
