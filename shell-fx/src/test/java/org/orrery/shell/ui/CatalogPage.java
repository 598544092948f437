package org.orrery.shell.ui;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.CatalogView;
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

    /** Installs a plugin zip as dropping it on the catalog does, and waits until the catalog lists it. */
    public CatalogPage install(java.nio.file.Path zip, String pluginId) throws Exception {
        robot.interact(() -> robot.lookup(".catalog-view").queryAs(CatalogView.class).install(zip));
        return awaitListed(pluginId, true);
    }

    /** Selects the plugin and presses Disable, or Enable if it is disabled. */
    public CatalogPage toggleDisabled(String pluginId) {
        select(pluginId);
        robot.clickOn("#catalog-disable");
        return this;
    }

    /** Selects the plugin, presses Remove and confirms. */
    public CatalogPage remove(String pluginId) throws Exception {
        select(pluginId);
        robot.clickOn("#catalog-remove");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane confirm = robot.lookup("#confirm-remove").queryAs(DialogPane.class);
        robot.clickOn(confirm.lookupButton(ButtonType.OK));
        return awaitListed(pluginId, false);
    }

    /** Whether Open is enabled for the selected plugin. */
    public boolean canOpen(String pluginId) {
        select(pluginId);
        return !robot.lookup("#catalog-open").queryButton().isDisabled();
    }

    /** Waits until the catalog lists the plugin (or no longer does). */
    public CatalogPage awaitListed(String pluginId, boolean listed) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> entries().stream().anyMatch(e -> e.id().equals(pluginId)) == listed);
        return this;
    }

    /** Waits until the plugin's entry has {@code status}. */
    public CatalogPage awaitStatus(String pluginId, CatalogEntry.Status status) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> entries().stream().anyMatch(e -> e.id().equals(pluginId) && e.status() == status));
        return this;
    }

    /** What the status line at the bottom of the window says. */
    public String statusLine() {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    private void select(String pluginId) {
        scrollTo(pluginId);
        robot.clickOn("#catalog-entry-" + pluginId);
    }

    /** Selects the plugin and presses Open. */
    public void open(String pluginId) {
        scrollTo(pluginId);
        robot.clickOn("#catalog-entry-" + pluginId);
        robot.clickOn("#catalog-open");
    }
}
