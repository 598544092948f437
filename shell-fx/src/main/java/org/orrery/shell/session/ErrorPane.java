package org.orrery.shell.session;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shown in place of a plugin's view when it fails: one line that names the plugin and the cause,
 * and the details on demand.
 *
 * <p>Ids: {@code plugin-error}, {@code plugin-error-details} (the collapsed pane),
 * {@code plugin-error-text}.
 */
final class ErrorPane extends VBox {

    private final Label message = new Label();
    private final TextArea text = new TextArea();

    ErrorPane() {
        getStyleClass().add("plugin-error-pane");
        setSpacing(10);
        setPadding(new Insets(24));
        setAlignment(Pos.CENTER);
        setMaxWidth(640);
        FontIcon icon = new FontIcon(Feather.ALERT_OCTAGON);
        icon.setIconSize(32);
        icon.getStyleClass().add("danger");
        message.setId("plugin-error");
        message.setWrapText(true);
        message.getStyleClass().add("title-4");
        text.setId("plugin-error-text");
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(12);
        TitledPane details = new TitledPane("Details", text);
        details.setId("plugin-error-details");
        details.setExpanded(false);
        Label hint = new Label("Change the parameters and press Reset to try again. The log has the same details.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        getChildren().addAll(icon, message, hint, details);
    }

    void show(String oneLine, String details) {
        message.setText(oneLine);
        text.setText(details);
    }
}
