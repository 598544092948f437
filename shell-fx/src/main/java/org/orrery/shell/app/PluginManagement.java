package org.orrery.shell.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.CatalogView;
import org.orrery.shell.catalog.PluginLibrary;

/**
 * Installing, disabling and removing plugins from the catalog. The files change off the FX
 * thread, one change at a time, then the catalog is read again; what happened (or why not) goes
 * to the status line, in the order it happened. Open tabs of a plugin being disabled or removed
 * are closed first.
 */
final class PluginManagement implements CatalogView.CatalogActions {

    private static final Logger LOG = Logger.getLogger(PluginManagement.class.getName());

    private final Stage stage;
    private final PluginLibrary library;
    private final Path userPlugins;
    private final ExecutorService catalogWork;
    private final Consumer<String> closeTabs;
    private final Runnable reload;
    private final Consumer<String> say;
    private final CatalogView catalog;

    /**
     * @param catalogWork runs the changes and the reloads, one at a time (single-threaded)
     * @param closeTabs closes the tabs of a plugin id (FX thread)
     * @param reload reads the catalog again (off the FX thread)
     * @param say shows a message in the status line (any thread)
     */
    PluginManagement(Stage stage, CatalogView catalog, PluginLibrary library, Path userPlugins,
            ExecutorService catalogWork, Consumer<String> closeTabs, Runnable reload, Consumer<String> say) {
        this.stage = stage;
        this.catalog = catalog;
        this.library = library;
        this.userPlugins = userPlugins;
        this.catalogWork = catalogWork;
        this.closeTabs = closeTabs;
        this.reload = reload;
        this.say = say;
    }

    @Override
    public void install() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Install a plugin");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Plugin zips", "*.zip"));
        var file = chooser.showOpenDialog(stage);
        if (file != null) {
            install(file.toPath());
        }
    }

    @Override
    public void install(Path zip) {
        List<CatalogEntry> installed = catalog.entries();
        change(() -> "Installed plugin " + library.install(zip, installed));
    }

    @Override
    public void setDisabled(CatalogEntry entry, boolean disabled) {
        if (disabled) {
            closeTabs.accept(entry.id());
        }
        change(() -> {
            library.setDisabled(entry.id(), disabled);
            return (disabled ? "Disabled plugin " : "Enabled plugin ") + entry.id();
        });
    }

    @Override
    public void remove(CatalogEntry entry) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Remove plugin " + entry.name() + " (" + entry.id()
                + ")? Its files in " + userPlugins + " are deleted.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(stage);
        confirm.setHeaderText("Remove " + entry.name());
        confirm.getDialogPane().setId("confirm-remove");
        if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        closeTabs.accept(entry.id());
        change(() -> {
            library.remove(entry);
            return "Removed plugin " + entry.id();
        });
    }

    private void change(Callable<String> work) {
        catalogWork.submit(() -> {
            try {
                String done = work.call();
                reload.run();
                say.accept(done);
            } catch (IOException e) { // the user's mistake (not a plugin, already installed): no stack trace
                LOG.warning(e.getMessage());
                say.accept(e.getMessage());
            } catch (Exception e) {
                LOG.log(Level.WARNING, e.getMessage(), e);
                say.accept(e.getMessage());
            }
        });
    }
}
