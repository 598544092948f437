package org.orrery.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.CatalogView;
import org.testfx.api.FxRobot;

/**
 * The plugin catalog on the left of the window: what it lists, and installing, disabling,
 * removing and opening plugins from it. Plugins are named by id.
 */
public final class CatalogPage {

    private final FxRobot robot;
    private final Waits waits;

    CatalogPage(FxRobot robot, Waits waits) {
        this.robot = robot;
        this.waits = waits;
    }

    CatalogPage awaitLoaded() {
        waits.until("the catalog to list the plugins", this::items, items -> !items.isEmpty());
        return this;
    }

    /** The plugins listed, in the catalog's order (by name). */
    public List<CatalogItem> items() {
        return waits.onFx(() -> list().getItems().stream().map(CatalogPage::item).toList());
    }

    /** The plugin listed with {@code pluginId}, if the catalog lists it. */
    public Optional<CatalogItem> item(String pluginId) {
        return items().stream().filter(i -> i.id().equals(pluginId)).findFirst();
    }

    /** The first line of the plugin's cell: its name and version, as shown. */
    public String nameShown(String pluginId) {
        return text(pluginId, ".catalog-name");
    }

    /** The status the plugin's cell shows: "loaded", "disabled" or "failed". */
    public String statusShown(String pluginId) {
        return text(pluginId, ".catalog-status");
    }

    /** The reason the plugin's cell shows when it failed to load; empty otherwise. */
    public String reasonShown(String pluginId) {
        return text(pluginId, ".catalog-reason");
    }

    /** Installs a plugin zip as dropping it on the catalog does, and waits until the catalog lists {@code pluginId}. */
    public CatalogPage install(Path zip, String pluginId) {
        waits.onFx(() -> robot.lookup(".catalog-view").queryAs(CatalogView.class).install(zip));
        return awaitListed(pluginId, true);
    }

    /** Selects the plugin and presses Disable, or Enable if it is disabled; see {@link #awaitStatus}. */
    public CatalogPage toggleDisabled(String pluginId) {
        select(pluginId);
        robot.clickOn("#catalog-disable");
        return this;
    }

    /** Selects a plugin the user installed, presses Remove, confirms, and waits until it is no longer listed. */
    public CatalogPage remove(String pluginId) {
        select(pluginId);
        robot.clickOn("#catalog-remove");
        DialogPane confirm = waits.until("the confirmation to remove " + pluginId,
                () -> waits.onFx(() -> robot.lookup("#confirm-remove").tryQueryAs(DialogPane.class).orElse(null)),
                pane -> pane != null);
        robot.clickOn(confirm.lookupButton(ButtonType.OK));
        return awaitListed(pluginId, false);
    }

    /** Selects the plugin and says whether Open is enabled for it (loaded plugins only). */
    public boolean canOpen(String pluginId) {
        select(pluginId);
        return waits.onFx(() -> !robot.lookup("#catalog-open").queryButton().isDisabled());
    }

    /**
     * Selects the plugin and presses Open. Unlike {@link ShellFixture#open}, it returns at once and
     * gives no page: use it to show what Open does to a plugin that cannot open; otherwise prefer
     * {@code shell.open(id)}, which waits for the tab and returns its page.
     */
    public CatalogPage open(String pluginId) {
        select(pluginId);
        robot.clickOn("#catalog-open");
        return this;
    }

    /** Waits until the catalog lists the plugin ({@code listed}), or no longer does. */
    public CatalogPage awaitListed(String pluginId, boolean listed) {
        waits.until("the catalog " + (listed ? "to list " : "to stop listing ") + pluginId,
                () -> items().stream().map(CatalogItem::id).toList(), ids -> ids.contains(pluginId) == listed);
        return this;
    }

    /** Waits until the plugin is listed with {@code status}, and returns its item. */
    public CatalogItem awaitStatus(String pluginId, PluginStatus status) {
        return waits.until(pluginId + " to be listed as " + status,
                () -> item(pluginId).orElse(null), item -> item != null && item.status() == status);
    }

    private static CatalogItem item(CatalogEntry entry) {
        return new CatalogItem(entry.id(), entry.name(), entry.version(), entry.author(),
                PluginStatus.of(entry.status()), entry.reason(), entry.installedByUser());
    }

    @SuppressWarnings("unchecked")
    private ListView<CatalogEntry> list() {
        return robot.lookup("#catalog").queryAs(ListView.class);
    }

    private String text(String pluginId, String styleClass) {
        scrollTo(pluginId);
        return waits.until("a cell for plugin " + pluginId, () -> waits.onFx(() -> robot
                .lookup("#catalog-entry-" + pluginId).tryQueryAs(ListCell.class)
                .map(cell -> robot.from(cell).lookup(styleClass).queryAs(Label.class).getText()).orElse(null)),
                text -> text != null);
    }

    private void scrollTo(String pluginId) {
        waits.until("the catalog to list " + pluginId, () -> waits.onFx(() -> list().getItems().stream()
                .filter(e -> e.id().equals(pluginId)).findFirst().map(entry -> {
                    list().scrollTo(entry);
                    return entry;
                }).orElse(null)), entry -> entry != null);
    }

    private void select(String pluginId) {
        scrollTo(pluginId);
        robot.clickOn("#catalog-entry-" + pluginId);
    }
}
