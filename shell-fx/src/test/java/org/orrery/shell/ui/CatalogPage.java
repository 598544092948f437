package org.orrery.shell.ui;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.orrery.shell.catalog.CatalogEntry;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The plugin catalog: what it lists, and opening a plugin from it. */
public final class CatalogPage {

    private final FxRobot robot;

    CatalogPage(FxRobot robot) {
        this.robot = robot;
    }

    CatalogPage awaitLoaded() throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !list().getItems().isEmpty());
        return this;
    }

    @SuppressWarnings("unchecked")
    private ListView<CatalogEntry> list() {
        return robot.lookup("#catalog").queryAs(ListView.class);
    }

    /** The entries listed, in order. */
    public List<CatalogEntry> entries() {
        return List.copyOf(list().getItems());
    }

    /** The status the entry's cell shows: "loaded" or "failed". */
    public String statusShown(String pluginId) {
        return text(pluginId, ".catalog-status");
    }

    /** The reason the entry's cell shows for a failed plugin; empty for a loaded one. */
    public String reasonShown(String pluginId) {
        return text(pluginId, ".catalog-reason");
    }

    /** The first line of the entry's cell: name and version. */
    public String nameShown(String pluginId) {
        return text(pluginId, ".catalog-name");
    }

    private String text(String pluginId, String styleClass) {
        scrollTo(pluginId);
        ListCell<?> cell = robot.lookup("#catalog-entry-" + pluginId).queryAs(ListCell.class);
        return robot.from(cell).lookup(styleClass).queryAs(Label.class).getText();
    }

    private void scrollTo(String pluginId) {
        robot.interact(() -> list().getItems().stream().filter(e -> e.id().equals(pluginId)).findFirst()
                .ifPresent(entry -> list().scrollTo(entry)));
    }

    /** Selects the plugin and presses Open. */
    public void open(String pluginId) {
        scrollTo(pluginId);
        robot.clickOn("#catalog-entry-" + pluginId);
        robot.clickOn("#catalog-open");
    }
}
