package org.orrery.shell.app;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help > About: the version, vendor and licence of this build, whether the optimizing WebAssembly
 * runtime is active, and the changelog on demand.
 */
final class AboutDialog {

    private final Alert alert = new Alert(Alert.AlertType.INFORMATION);

    AboutDialog(Window owner, BuildInfo build, String runtimeStatus) {
        alert.initOwner(owner);
        alert.setTitle("About Orrery");
        alert.setHeaderText("Orrery " + build.version());
        Label summary = new Label("Live compute and visualisation: WebAssembly kernels on pinned threads, drawn as they run.");
        summary.setWrapText(true);
        Label vendor = new Label("From " + build.vendor() + ", under the " + build.licence() + " licence.");
        vendor.setId("about-licence");
        Label runtime = new Label(runtimeStatus);
        runtime.setId("about-runtime");
        VBox content = new VBox(8, summary, vendor, runtime);
        content.setId("about-content");
        alert.getDialogPane().setContent(content);
        TextArea changelog = new TextArea(build.changelog());
        changelog.setId("about-changelog");
        changelog.setEditable(false);
        changelog.setWrapText(true);
        changelog.setPrefRowCount(18);
        alert.getDialogPane().setExpandableContent(changelog); // "Show Details"
        alert.getDialogPane().setId("about");
    }

    void show() {
        alert.show();
    }
}
