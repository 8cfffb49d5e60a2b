package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ColumnMapping;
import dev.cairn.engine.imports.ContactCsvExport;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportProgress;
import dev.cairn.engine.imports.ImportReport;
import dev.cairn.engine.imports.ImportTarget;
import dev.cairn.engine.imports.Inspection;
import dev.cairn.engine.imports.InvalidImportException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CSV files as spreadsheets write them, into contacts: matching, merging, and rows that cannot be
 * taken.
 */
class ContactImportTest extends CairnIntegrationTest {

  @Autowired ContactImport imports;
  @Autowired ContactCsvExport export;
  @Autowired Contacts contacts;
  @Autowired JdbcClient jdbc;

  @Test
  void a_semicolon_file_with_a_byte_order_mark_is_read_and_its_columns_guessed() {
    Inspection inspection =
        imports.inspect(
            csv("\uFEFFE-mail;First Name;Mobile;Loyalty Tier\nann@x.test;Ann;+4741234567;gold\n"));

    assertThat(inspection.headers())
        .containsExactly("E-mail", "First Name", "Mobile", "Loyalty Tier");
    assertThat(inspection.guessed())
        .extracting(ColumnMapping::target)
        .containsExactly(
            ImportTarget.EMAIL, ImportTarget.FIRST_NAME, ImportTarget.PHONE, ImportTarget.TRAIT);
    assertThat(inspection.guessed().get(3).traitName()).isEqualTo("loyalty_tier");
    assertThat(inspection.preview())
        .containsExactly(List.of("ann@x.test", "Ann", "+4741234567", "gold"));
  }

  @Test
  void rows_are_matched_by_email_merged_within_the_file_and_bad_rows_reported_with_reasons() {
    String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
    String existingUser = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"Bo@%s\",\"firstName\":\"Bo\"}}"
            .formatted(existingUser, domain));
    String takenUserId = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"someone@%s\"}}".formatted(takenUserId, domain));
    String file =
        """
        email,first name,phone,user id,orders,vip
        ann@%1$s,Ann,+47 412 34 567,,3,true
        bo@%1$s,,,,7,false
        ANN@%1$s,Annie,,,4,true
        not-an-email,Cy,,,1,false
        ,Dee,,,1,false
        eve@%1$s,Eve,,%2$s,2,false
        fay@%1$s,Fay
        """
            .formatted(domain, takenUserId);
    Inspection inspection = imports.inspect(csv(file));
    List<ColumnMapping> mapping = new ArrayList<>(inspection.guessed());

    ImportReport report =
        imports.run(
            csv(file),
            "people.csv",
            new ImportPlan(mapping, DedupeKey.EMAIL, "Trade fair sheet"),
            done -> {});

    assertThat(report.rows()).isEqualTo(7);
    assertThat(report.created()).isEqualTo(1);
    assertThat(report.updated()).isEqualTo(2);
    assertThat(report.rejected())
        .extracting(ImportReport.RejectedRow::line, ImportReport.RejectedRow::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(5L, "\"not-an-email\" is not an email address"),
            org.assertj.core.groups.Tuple.tuple(6L, "no email (contacts are matched by it)"),
            org.assertj.core.groups.Tuple.tuple(
                7L, "user id \"" + takenUserId + "\" belongs to another contact"),
            org.assertj.core.groups.Tuple.tuple(8L, "has 2 values, the header has 6"));
    ContactProfile bo = contacts.findByUserId(existingUser).orElseThrow();
    assertThat(bo.firstName()).isEqualTo("Bo");
    assertThat(bo.traits()).containsEntry("orders", 7);
    ContactProfile ann = contacts.find(idByEmail("ann@" + domain)).orElseThrow();
    assertThat(ann.firstName()).isEqualTo("Annie");
    assertThat(ann.phone()).isEqualTo("+4741234567");
    assertThat(ann.traits()).containsEntry("orders", 4).containsEntry("vip", true);
    assertThat(
            jdbc.sql("select source from contact_import where id = :id")
                .param("id", report.id())
                .query(String.class)
                .single())
        .isEqualTo("Trade fair sheet");
  }

  @Test
  void a_row_with_a_nul_character_is_rejected_alone_with_the_reason_and_the_rest_imported() {
    String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
    String file =
        """
        email,first name,city
        ann@%1$s,Ann,Oslo
        bo@%1$s,B\u0000o,Bergen
        cy@%1$s,Cy,Tromsø
        """
            .formatted(domain);
    Inspection inspection = imports.inspect(csv(file));

    ImportReport report =
        imports.run(
            csv(file),
            "nul.csv",
            new ImportPlan(new ArrayList<>(inspection.guessed()), DedupeKey.EMAIL, "NUL probe"),
            done -> {});

    assertThat(report.created()).isEqualTo(2);
    assertThat(report.rejected())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.line()).isEqualTo(3L);
              assertThat(row.reason())
                  .isEqualTo(
                      "column \"first name\" contains a NUL character (shown as \u2400), which"
                          + " cannot be stored; remove it from the file");
            });
    assertThat(contacts.find(idByEmail("cy@" + domain))).isPresent();
  }

  @Test
  void a_plan_naming_a_column_the_file_lacks_is_refused_before_anything_is_written() {
    long before = jdbc.sql("select count(*) from contact").query(Long.class).single();
    ImportPlan plan =
        new ImportPlan(
            List.of(new ColumnMapping("Email", ImportTarget.EMAIL, null)), DedupeKey.EMAIL, "test");

    assertThatThrownBy(() -> imports.run(csv("mail,name\na@b.test,A\n"), "x.csv", plan, done -> {}))
        .isInstanceOf(InvalidImportException.class)
        .hasMessageContaining("no column \"Email\"");
    assertThatThrownBy(() -> imports.inspect(csv("")))
        .isInstanceOf(InvalidImportException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                new ImportPlan(
                    List.of(new ColumnMapping("name", ImportTarget.FIRST_NAME, null)),
                    DedupeKey.EMAIL,
                    "x"))
        .hasMessageContaining("Map a column to Email");
    assertThat(jdbc.sql("select count(*) from contact").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void an_export_has_a_header_and_one_row_per_contact_with_attributes_as_json() {
    String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
    imports.run(
        csv("email,plan\nzoe@" + domain + ",Pro\n"),
        "one.csv",
        new ImportPlan(
            List.of(
                new ColumnMapping("email", ImportTarget.EMAIL, null),
                new ColumnMapping("plan", ImportTarget.TRAIT, "plan")),
            DedupeKey.EMAIL,
            "test"),
        done -> {});
    StringWriter out = new StringWriter();

    long rows = export.write(out, null);

    assertThat(rows).isPositive();
    assertThat(out.toString())
        .startsWith(
            "id,user_id,email,phone,first_name,last_name,time_zone,locale,created_at,last_seen_at,attributes");
    assertThat(out.toString())
        .contains("zoe@" + domain)
        .contains("\"{\"\"plan\"\": \"\"Pro\"\"}\"");
  }

  @Test
  void
      an_import_from_a_file_tells_how_far_it_is_of_the_whole_after_each_batch_and_ends_where_its_report_does()
          throws Exception {
    String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
    StringBuilder file = new StringBuilder("email,first name,address\n");
    // A quoted value over two lines is one row, though two lines of the file.
    file.append("first@").append(domain).append(",First,\"Storgata 1\nOslo\"\n\n");
    for (int i = 0; i < 2_497; i++) {
      file.append("p").append(i).append('@').append(domain).append(",P").append(i).append(",\n");
    }
    file.append("not-an-email,Cy,\n").append("P7@").append(domain).append(",Again,\n");
    java.nio.file.Path path = java.nio.file.Files.createTempFile("progress", ".csv");
    java.nio.file.Files.writeString(path, file);
    ImportPlan plan =
        new ImportPlan(
            List.of(
                new ColumnMapping("email", ImportTarget.EMAIL, null),
                new ColumnMapping("first name", ImportTarget.FIRST_NAME, null),
                new ColumnMapping("address", ImportTarget.TRAIT, "address")),
            DedupeKey.EMAIL,
            "Progress test");
    List<ImportProgress> told = new ArrayList<>();

    ImportReport report = imports.run(path, "progress.csv", plan, told::add);

    assertThat(told).extracting(ImportProgress::rows).containsExactly(0L, 1_000L, 2_000L, 2_500L);
    assertThat(told).extracting(ImportProgress::totalRows).containsOnly(2_500L);
    assertThat(told.get(1).fraction()).isEqualTo(0.4);
    assertThat(told.get(1).created()).isEqualTo(1_000);
    ImportProgress last = told.getLast();
    assertThat(last.finished()).isTrue();
    assertThat(List.of(last.rows(), last.created(), last.updated(), last.rejected()))
        .containsExactly(
            report.rows(), report.created(), report.updated(), (long) report.rejected().size());
    assertThat(report.created()).isEqualTo(2_498);
    assertThat(report.updated()).isEqualTo(1);
    assertThat(contacts.find(idByEmail("first@" + domain)).orElseThrow().traits())
        .containsEntry("address", "Storgata 1\nOslo");
    java.nio.file.Files.delete(path);
  }

  private dev.cairn.engine.contact.ContactId idByEmail(String email) {
    return new dev.cairn.engine.contact.ContactId(
        jdbc.sql("select id from contact where lower(email) = lower(:email)")
            .param("email", email)
            .query(UUID.class)
            .single());
  }

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
