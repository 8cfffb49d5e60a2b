package dev.cairn.ui.writekey;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The workspace's write keys: which exist, what each may call and when it was last used; an admin
 * creates, rotates and revokes them here. A new secret is shown once, in a dialog.
 */
@Route("write-keys")
@PageTitle("Write keys · Cairn")
@RolesAllowed("ADMIN")
public class WriteKeysView extends VerticalLayout {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final WriteKeys keys;
  private final Grid<WriteKey> grid = new Grid<>();

  public WriteKeysView(WriteKeys keys) {
    this.keys = keys;
    setSizeFull();

    TextField name = new TextField();
    name.setPlaceholder("name, e.g. Website");
    name.setWidth("16rem");
    name.setId("new-key-name");
    RadioButtonGroup<WriteKeyScope> scope = new RadioButtonGroup<>();
    scope.setItems(WriteKeyScope.values());
    scope.setItemLabelGenerator(WriteKeyScope::label);
    scope.setValue(WriteKeyScope.SOURCE);
    scope.setId("new-key-scope");
    Button create = new Button("New key", VaadinIcon.PLUS.create(), click -> create(name, scope));
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setId("create-key");
    HorizontalLayout form = new HorizontalLayout(name, scope, create);
    form.setAlignItems(FlexComponent.Alignment.BASELINE);

    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(WriteKey::name).setHeader("Key").setFlexGrow(2);
    grid.addColumn(key -> key.scope().label()).setHeader("Scope").setAutoWidth(true);
    grid.addColumn(key -> WHEN.format(key.createdAt())).setHeader("Created").setAutoWidth(true);
    grid.addColumn(key -> key.lastUsedAt() == null ? "never" : WHEN.format(key.lastUsedAt()))
        .setHeader("Last used")
        .setAutoWidth(true);
    grid.addColumn(key -> key.revoked() ? "revoked " + WHEN.format(key.revokedAt()) : "working")
        .setHeader("Status")
        .setAutoWidth(true);
    grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
    grid.setId("write-keys");
    grid.setSizeFull();
    grid.setItems(keys.all());

    add(
        new H2("Write keys"),
        new Paragraph(
            "Senders authenticate with a write key as the Basic-auth user name. "
                + WriteKeyScope.SOURCE.label()
                + " keys: "
                + WriteKeyScope.SOURCE.description()
                + ". "
                + WriteKeyScope.SERVER.label()
                + " keys: "
                + WriteKeyScope.SERVER.description()
                + ". Cairn keeps only a hash: a key is shown once, when it is created or rotated."),
        form,
        grid);
  }

  private HorizontalLayout actions(WriteKey key) {
    HorizontalLayout actions = new HorizontalLayout();
    if (key.revoked()) {
      return actions;
    }
    Button rotate =
        new Button(
            "Rotate…",
            click ->
                confirm(
                    "Rotate " + key.name() + "?",
                    "It gets a new secret; senders still using the old one are refused from now on.",
                    "Rotate",
                    () -> showSecret(keys.rotate(key.id()))));
    Button revoke =
        new Button(
            "Revoke…",
            click ->
                confirm(
                    "Revoke " + key.name() + "?",
                    "Every call with this key is refused from now on. This cannot be undone.",
                    "Revoke",
                    () -> {
                      keys.revoke(key.id());
                      grid.setItems(keys.all());
                    }));
    for (Button button : new Button[] {rotate, revoke}) {
      button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
      button.getElement().setAttribute("data-key", key.name());
      actions.add(button);
    }
    rotate.addClassName("rotate-key");
    revoke.addClassName("revoke-key");
    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
    return actions;
  }

  private void create(TextField name, RadioButtonGroup<WriteKeyScope> scope) {
    if (name.getValue().isBlank()) {
      name.setErrorMessage("Give the key a name that says where it is used, e.g. Website.");
      name.setInvalid(true);
      return;
    }
    name.setInvalid(false);
    showSecret(keys.create(name.getValue(), scope.getValue()));
    name.clear();
  }

  private void showSecret(NewWriteKey created) {
    grid.setItems(keys.all());
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Write key " + created.key().name());
    TextField secret = new TextField("Copy it now: it is not shown again");
    secret.setValue(created.secret());
    secret.setReadOnly(true);
    secret.setWidth("28rem");
    secret.setId("new-key-secret");
    dialog.add(
        new VerticalLayout(
            secret,
            new Paragraph(
                created.key().scope().label()
                    + " key: "
                    + created.key().scope().description()
                    + ".")));
    Button done = new Button("Done", click -> dialog.close());
    done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(done);
    dialog.open();
  }

  private static void confirm(String title, String text, String action, Runnable confirmed) {
    ConfirmDialog dialog = new ConfirmDialog(title, text, action, event -> confirmed.run());
    dialog.setCancelable(true);
    dialog.setConfirmButtonTheme("error primary");
    dialog.open();
  }
}
