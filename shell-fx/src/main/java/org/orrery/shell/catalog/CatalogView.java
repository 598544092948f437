package org.orrery.shell.catalog;

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

/**
 * The plugin catalog: every plugin found, with its name, version, author, description and status
 * (loaded, or failed with the reason). A loaded plugin opens with the Open button, a double-click
 * or Enter. While the plugins load it shows progress.
 *
 * <p>Ids: {@code catalog} (the list), {@code catalog-open}, and per entry a cell with the style
 * class {@code catalog-entry} whose id is {@code catalog-entry-<plugin id>}; in it
 * {@code .catalog-status} and {@code .catalog-reason}.
 */
public final class CatalogView extends VBox {

    private final ListView<CatalogEntry> list = new ListView<>();
    private final Button open = new Button("Open", new FontIcon(Feather.PLAY_CIRCLE));
    private Consumer<CatalogEntry> onOpen = entry -> { };

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
        getChildren().addAll(title, list, open);
        setMinWidth(220);
        setPrefWidth(300);
    }

    /** Shows the plugins found. */
    public void show(List<CatalogEntry> entries) {
        list.getItems().setAll(entries);
        if (entries.isEmpty()) {
            list.setPlaceholder(new Label("No plugins found"));
        } else {
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
            boolean loaded = entry.status() == CatalogEntry.Status.LOADED;
            name.setText(entry.name() + (entry.version().isEmpty() ? "" : "  " + entry.version()));
            author.setText(entry.author().isEmpty() ? entry.source() : entry.author() + " · " + entry.source());
            description.setText(entry.description());
            description.setVisible(loaded);
            description.setManaged(loaded);
            status.setText(loaded ? "loaded" : "failed");
            status.setGraphic(new FontIcon(loaded ? Feather.CHECK_CIRCLE : Feather.ALERT_TRIANGLE));
            reason.setText(entry.reason());
            reason.setVisible(!loaded);
            reason.setManaged(!loaded);
            setGraphic(box);
        }
    }
}
