package org.orrery.shell.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.orrery.plugins.density.FilePreview;
import org.orrery.plugins.density.PointQuery;

/**
 * Chooses what to load from a data file: its first rows, and which numeric columns are x, y and
 * (optionally) the weight, with an optional filter. The columns are guessed from their names
 * (x/lon/longitude, y/lat/latitude) and can be changed.
 *
 * <p>Ids: {@code data-dialog} (its pane), {@code data-preview}, {@code data-x}, {@code data-y},
 * {@code data-weight}, {@code data-filter}.
 */
public final class OpenDataDialog extends Dialog<PointQuery> {

    /** The weight list's entry for "each point counts one". */
    public static final String NO_WEIGHT = "(none: each point counts 1)";

    public OpenDataDialog(Window owner, FilePreview preview) {
        initOwner(owner);
        setTitle("Open data");
        setHeaderText(preview.file().getFileName() + " (" + preview.format().name().toLowerCase(Locale.ROOT)
                + "): choose the columns to show");
        TableView<List<String>> table = new TableView<>();
        table.setId("data-preview");
        for (int c = 0; c < preview.columns().size(); c++) {
            int index = c;
            TableColumn<List<String>, String> column = new TableColumn<>(preview.columns().get(c));
            column.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().get(index)));
            column.setSortable(false);
            table.getColumns().add(column);
        }
        table.getItems().setAll(preview.rows());
        table.setPrefHeight(220);
        table.setPlaceholder(new Label("No rows could be read"));
        List<String> numeric = preview.numericColumns();
        ComboBox<String> x = columnChoice("data-x", numeric, guess(numeric, 0, "x", "lon", "longitude", "lng"));
        ComboBox<String> y = columnChoice("data-y", numeric, guess(numeric, 1, "y", "lat", "latitude"));
        ComboBox<String> weight = new ComboBox<>();
        weight.setId("data-weight");
        weight.getItems().add(NO_WEIGHT);
        weight.getItems().addAll(numeric);
        weight.getSelectionModel().selectFirst();
        TextField filter = new TextField();
        filter.setId("data-filter");
        filter.setPromptText("optional, for example fare > 10 AND passengers >= 2");
        GridPane choices = new GridPane(12, 8);
        choices.addRow(0, new Label("x"), x);
        choices.addRow(1, new Label("y"), y);
        choices.addRow(2, new Label("Weight"), weight);
        choices.addRow(3, new Label("Filter (SQL)"), filter);
        Label note = new Label(numeric.size() < 2 ? "The file needs two numeric columns for x and y." : "");
        note.getStyleClass().add("danger");
        getDialogPane().setContent(new VBox(10, table, choices, note));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().setId("data-dialog");
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                x.valueProperty().isNull().or(y.valueProperty().isNull()).or(x.valueProperty().isEqualTo(y.valueProperty())));
        setResultConverter(button -> button != ButtonType.OK ? null
                : new PointQuery(preview.file(), x.getValue(), y.getValue(),
                        NO_WEIGHT.equals(weight.getValue()) ? Optional.empty() : Optional.of(weight.getValue()),
                        filter.getText().isBlank() ? Optional.empty() : Optional.of(filter.getText().trim())));
    }

    private static ComboBox<String> columnChoice(String id, List<String> columns, String chosen) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(columns);
        box.setValue(chosen);
        return box;
    }

    /** The first column named like one of {@code names}, else the column at {@code position}, else none. */
    private static String guess(List<String> columns, int position, String... names) {
        for (String name : names) {
            for (String column : columns) {
                if (column.equalsIgnoreCase(name)) {
                    return column;
                }
            }
        }
        return position < columns.size() ? columns.get(position) : null;
    }
}
