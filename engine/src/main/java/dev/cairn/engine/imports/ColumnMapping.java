package dev.cairn.engine.imports;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One CSV column and where its values go.
 *
 * @param traitName the custom attribute's name when the target is {@link ImportTarget#TRAIT}
 */
public record ColumnMapping(String header, ImportTarget target, @Nullable String traitName) {

  public ColumnMapping {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(target, "target");
    if (target == ImportTarget.TRAIT && (traitName == null || traitName.isBlank())) {
      throw new IllegalArgumentException(
          "A custom attribute needs a name (column \"" + header + "\").");
    }
  }

  /** What a column most likely holds, from its header ("E-mail", "Mobile", "First name", ...). */
  static ColumnMapping guess(String header) {
    String key = header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    ImportTarget target =
        switch (key) {
          case "email", "emailaddress", "mail" -> ImportTarget.EMAIL;
          case "phone", "phonenumber", "mobile", "mobilephone", "cell", "tel", "telephone" ->
              ImportTarget.PHONE;
          case "firstname", "givenname", "forename" -> ImportTarget.FIRST_NAME;
          case "lastname", "surname", "familyname" -> ImportTarget.LAST_NAME;
          case "id", "userid", "externalid", "customerid", "contactid" -> ImportTarget.EXTERNAL_ID;
          case "timezone", "tz" -> ImportTarget.TIME_ZONE;
          case "locale", "language", "lang" -> ImportTarget.LOCALE;
          case "" -> ImportTarget.IGNORE;
          default -> ImportTarget.TRAIT;
        };
    return new ColumnMapping(
        header, target, target == ImportTarget.TRAIT ? traitName(header) : null);
  }

  /** "Loyalty Tier" becomes loyalty_tier. */
  static String traitName(String header) {
    String name =
        header
            .strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("(^_|_$)", "");
    return name.isEmpty() ? "column" : name;
  }
}
