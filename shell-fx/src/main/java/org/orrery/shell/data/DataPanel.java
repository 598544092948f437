package org.orrery.shell.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.orrery.plugins.density.FilePreview;
import org.orrery.plugins.density.LoadException;
import org.orrery.plugins.density.PointLoader;
import org.orrery.plugins.density.PointQuery;
import org.orrery.plugins.density.PointTable;

/**
 * The data side of a plugin that shows the user's points: open a CSV, TSV or Parquet file (the
 * button, File > Open data, or dropping the file on the view), choose its columns over a preview,
 * and load it in the background with progress and cancel. Lines that could not be read are
 * counted and listed with their line numbers; nothing already loaded is lost when a load fails or
 * is cancelled.
 *
 * <p>Ids: {@code data-open}, {@code data-progress}, {@code data-cancel}, {@code data-status},
 * {@code data-rejected} (the list of rejected lines).
 */
public final class DataPanel extends VBox {

    private static final Logger LOG = Logger.getLogger(DataPanel.class.getName());
    private static final int PREVIEW_ROWS = 10;

    private final String pluginId;
    private final int maxPoints;
    private final ExecutorService background;
    private final Consumer<PointTable> onLoaded;
    private final Button open = new Button("Open data…", new FontIcon(Feather.FOLDER));
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label("No data loaded");
    private final ListView<String> rejected = new ListView<>();
    private final TitledPane rejectedPane = new TitledPane("Rejected lines", rejected);
    private final HBox loading;
    private PointLoader loader;

    /**
     * @param maxPoints the most points the kernel takes (its buffer's {@code maxRecords})
     * @param onLoaded given each table loaded, on the FX thread; it owns the table from then on
     */
    public DataPanel(String pluginId, int maxPoints, ExecutorService background, Consumer<PointTable> onLoaded) {
        this.pluginId = pluginId;
        this.maxPoints = maxPoints;
        this.background = background;
        this.onLoaded = onLoaded;
        setId("data-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        Label title = new Label("Data");
        title.getStyleClass().add("title-4");
        open.setId("data-open");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setOnAction(e -> chooseFile());
        progress.setId("data-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        cancel.setId("data-cancel");
        cancel.setOnAction(e -> {
            if (loader != null) {
                loader.cancel();
            }
        });
        loading = new HBox(6, progress, cancel);
        loading.setVisible(false);
        loading.setManaged(false);
        status.setId("data-status");
        status.setWrapText(true);
        rejected.setId("data-rejected");
        rejected.setPrefHeight(120);
        rejectedPane.setExpanded(false);
        rejectedPane.setVisible(false);
        rejectedPane.setManaged(false);
        getChildren().addAll(title, open, loading, status, rejectedPane);
    }

    /** Asks for a file with the system's file chooser, then {@link #open(Path)}. */
    public void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open data");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data files", "*.csv", "*.tsv", "*.tab", "*.parquet", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        var file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Previews {@code file}, asks for its columns, and loads it. FX thread. */
    public void open(Path file) {
        if (loader != null) {
            status.setText("A file is still loading: cancel it first.");
            return;
        }
        status.setText("Reading the first rows of " + file.getFileName() + "…");
        background.submit(() -> {
            try {
                FilePreview preview = FilePreview.read(file, PREVIEW_ROWS);
                Platform.runLater(() -> new OpenDataDialog(getScene().getWindow(), preview).showAndWait()
                        .ifPresentOrElse(this::load, () -> status.setText("Opening " + file.getFileName() + " was cancelled")));
            } catch (LoadException | RuntimeException e) {
                Platform.runLater(() -> failed(e));
            }
        });
    }

    private void load(PointQuery query) {
        PointLoader current = new PointLoader(maxPoints);
        loader = current;
        open.setDisable(true);
        progress.setProgress(0);
        loading.setVisible(true);
        loading.setManaged(true);
        status.setText("Loading " + query.file().getFileName() + "…");
        background.submit(() -> {
            try {
                PointTable table = current.load(query, (stage, fraction) -> Platform.runLater(() -> {
                    progress.setProgress(fraction);
                    status.setText(capitalised(stage) + "…");
                }));
                Platform.runLater(() -> loaded(query, table));
            } catch (CancellationException e) {
                Platform.runLater(() -> finished("Loading " + query.file().getFileName() + " was cancelled; the points shown are kept"));
            } catch (LoadException | RuntimeException e) {
                Platform.runLater(() -> failed(e));
            }
        });
    }

    private void loaded(PointQuery query, PointTable table) {
        List<String> lines = table.rejected().stream().map(Object::toString).toList();
        rejected.getItems().setAll(lines);
        rejectedPane.setVisible(!lines.isEmpty());
        rejectedPane.setManaged(!lines.isEmpty());
        rejectedPane.setExpanded(!lines.isEmpty());
        String text = String.format(Locale.ROOT, "%,d points from %s in %.1f s", table.count(), query.file().getFileName(),
                table.loadTime().toMillis() / 1000.0);
        if (table.rejectedCount() > 0) {
            text += String.format(Locale.ROOT, "; %,d line%s rejected%s", table.rejectedCount(),
                    table.rejectedCount() == 1 ? "" : "s", table.rejectedCount() > lines.size() ? " (the first "
                            + lines.size() + " are listed)" : "");
        }
        LOG.info(pluginId + ": " + text);
        finished(text);
        onLoaded.accept(table);
    }

    private void failed(Exception e) {
        LOG.log(Level.WARNING, pluginId + ": " + e.getMessage(), e);
        finished(e.getMessage() + "; the points shown are kept");
    }

    private void finished(String text) {
        loader = null;
        open.setDisable(false);
        loading.setVisible(false);
        loading.setManaged(false);
        status.setText(text);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
