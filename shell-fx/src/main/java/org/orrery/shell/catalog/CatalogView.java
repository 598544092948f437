package org.orrery.shell.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.orrery.shell.drop.FileDrop;

/**
 * The plugin catalog: every plugin found, with its name, version, author, description and status
 * (loaded, disabled, or failed with the reason). A loaded plugin opens with the Open button, a
 * double-click or Enter. Plugins are installed (a zip, also dropped on the list), disabled and
 * removed from here. While the plugins load it shows progress.
 *
 * <p>Ids: {@code catalog} (the list), {@code catalog-open}, {@code catalog-install},
 * {@code catalog-disable} (Enable for a disabled plugin), {@code catalog-remove}, and per entry a cell with the style
 * class {@code catalog-entry} whose id is {@code catalog-entry-<plugin id>}; in it
 * {@code .catalog-status} and {@code .catalog-reason}.
 */
public final class CatalogView extends VBox {

    private final ListView<CatalogEntry> list = new ListView<>();
    private final Button open = new Button("Open", new FontIcon(Feather.PLAY_CIRCLE));
    private final Button install = new Button("Install…", new FontIcon(Feather.DOWNLOAD));
    private final Button disable = new Button("Disable", new FontIcon(Feather.SLASH));
    private final Button remove = new Button("Remove", new FontIcon(Feather.TRASH_2));
    private Consumer<CatalogEntry> onOpen = entry -> { };
    private CatalogActions actions;

    public CatalogView() {
        getStyleClass().add("catalog-view");
        setSpacing(8);
        setPadding(new Insets(8));
        Label title = new Label("Plugins");
        title.getStyleClass().add("title-4");
        list.setId("catalog");
        list.setCellFactory(view -> new EntryCell());
        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(32, 32);
        VBox placeholder = new VBox(8, loading, new Label("Loading plugins…"));
        placeholder.setFillWidth(false);
        placeholder.setStyle("-fx-alignment: center;");
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        open.setId("catalog-open");
        open.setTooltip(new Tooltip("Open the selected plugin (Enter)"));
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty()
                .map(e -> e.status() != CatalogEntry.Status.LOADED).orElse(true));
        open.setOnAction(e -> openSelected());
        open.setMaxWidth(Double.MAX_VALUE);
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            }
        });
        install.setId("catalog-install");
        install.setTooltip(new Tooltip("Install a plugin from its zip (or drop the zip on the list)"));
        install.setOnAction(e -> actions.install());
        disable.setId("catalog-disable");
        var selected = list.getSelectionModel().selectedItemProperty();
        disable.disableProperty().bind(selected.map(e -> e.status() == CatalogEntry.Status.FAILED).orElse(true));
        disable.textProperty().bind(selected.map(e -> e.status() == CatalogEntry.Status.DISABLED ? "Enable" : "Disable")
                .orElse("Disable"));
        disable.setOnAction(e -> {
            CatalogEntry entry = list.getSelectionModel().getSelectedItem();
            actions.setDisabled(entry, entry.status() != CatalogEntry.Status.DISABLED);
        });
        remove.setId("catalog-remove");
        remove.setTooltip(new Tooltip("Remove a plugin you installed"));
        remove.disableProperty().bind(selected.map(e -> !e.installedByUser()).orElse(true));
        remove.setOnAction(e -> actions.remove(list.getSelectionModel().getSelectedItem()));
        FileDrop.install(list, zips -> zips.forEach(this::install));
        HBox manage = new HBox(6, install, disable, remove);
        getChildren().addAll(title, list, open, manage);
        setMinWidth(220);
        setPrefWidth(300);
    }

    /** What the management buttons do. */
    public interface CatalogActions {
        /** Asks for a plugin zip and installs it. */
        void install();

        void install(Path zip);

        void setDisabled(CatalogEntry entry, boolean disabled);

        void remove(CatalogEntry entry);
    }

    public void setActions(CatalogActions actions) {
        this.actions = actions;
    }

    /** Installs a plugin zip, as dropping it on the list does. */
    public void install(Path zip) {
        actions.install(zip);
    }

    /** Shows the plugins found, keeping the selection where the plugin is still listed. */
    public void show(List<CatalogEntry> entries) {
        String selected = list.getSelectionModel().getSelectedItem() == null ? null
                : list.getSelectionModel().getSelectedItem().id();
        list.getItems().setAll(entries);
        if (selected != null) {
            entries.stream().filter(e -> e.id().equals(selected)).findFirst()
                    .ifPresent(e -> list.getSelectionModel().select(e));
        }
        if (entries.isEmpty()) {
            list.setPlaceholder(new Label("No plugins found"));
        } else if (list.getSelectionModel().isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(list.getItems());
    }

    /** Called with the entry the user opens; only loaded plugins are passed. */
    public void setOnOpen(Consumer<CatalogEntry> action) {
        this.onOpen = action;
    }

    /** Opens the selected plugin, if it loaded. */
    public void openSelected() {
        CatalogEntry entry = list.getSelectionModel().getSelectedItem();
        if (entry != null && entry.status() == CatalogEntry.Status.LOADED) {
            onOpen.accept(entry);
        }
    }

    /** One plugin: name and version, author, description, status. */
    private static final class EntryCell extends ListCell<CatalogEntry> {

        private final Label name = new Label();
        private final Label author = new Label();
        private final Label description = new Label();
        private final Label status = new Label();
        private final Label reason = new Label();
        private final VBox box;

        EntryCell() {
            name.getStyleClass().add("catalog-name");
            name.setStyle("-fx-font-weight: bold;");
            name.setWrapText(true);
            status.setMinWidth(Region.USE_PREF_SIZE);
            author.getStyleClass().addAll("catalog-author", "text-muted");
            description.getStyleClass().add("catalog-description");
            description.setWrapText(true);
            status.getStyleClass().add("catalog-status");
            reason.getStyleClass().addAll("catalog-reason", "danger");
            reason.setWrapText(true);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            box = new VBox(2, new HBox(6, name, gap, status), author, description, reason);
            box.setPrefWidth(0); // wrap to the list's width
            getStyleClass().add("catalog-entry");
        }

        @Override
        protected void updateItem(CatalogEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setId(null);
                setGraphic(null);
                return;
            }
            setId("catalog-entry-" + entry.id());
            boolean failed = entry.status() == CatalogEntry.Status.FAILED;
            name.setText(entry.name() + (entry.version().isEmpty() ? "" : "  " + entry.version()));
            author.setText(entry.author().isEmpty() ? entry.source() : entry.author() + " · " + entry.source());
            description.setText(entry.description());
            description.setVisible(!failed);
            description.setManaged(!failed);
            switch (entry.status()) {
                case LOADED -> {
                    status.setText("loaded");
                    status.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
                }
                case DISABLED -> {
                    status.setText("disabled");
                    status.setGraphic(new FontIcon(Feather.SLASH));
                }
                case FAILED -> {
                    status.setText("failed");
                    status.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
                }
            }
            reason.setText(entry.reason());
            reason.setVisible(failed);
            reason.setManaged(failed);
            setGraphic(box);
        }
    }
}
