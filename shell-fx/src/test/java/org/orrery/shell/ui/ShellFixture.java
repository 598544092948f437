package org.orrery.shell.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.orrery.shell.app.ShellWindow;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.OrreryHome;
import org.orrery.shell.session.PluginView;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The shell's main window under test: opened on a stage of its own with a user folder of the
 * test's choosing (its plugins, settings and session), and the bundled plugins the build copied.
 * Start it with {@link #start}, reach its parts through the page objects it hands out, and
 * {@link #close} it at the end of the test. See docs/QA.md.
 */
public final class ShellFixture implements AutoCloseable {

    /** How long a page object waits for the shell before a test fails. */
    public static final long TIMEOUT_SECONDS = 60;

    private final OrreryHome home;
    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ShellWindow window;

    private ShellFixture(OrreryHome home) {
        this.home = home;
    }

    /** Opens the shell with {@code userFolder} as its ~/.orrery, created if missing. */
    public static ShellFixture start(Path userFolder) throws Exception {
        ShellFixture fixture = new ShellFixture(new OrreryHome(userFolder).create());
        FxToolkit.registerPrimaryStage();
        fixture.open();
        return fixture;
    }

    private void open() throws Exception {
        // The build copies the bundled plugins and names the folder in orrery.bundled.plugins.
        window = FxToolkit.setupFixture(() -> {
            stage = new Stage();
            return ShellWindow.open(stage, home, PluginLibrary.of(home));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Closes the window as the user would (settings and session saved) and opens it again. */
    public ShellFixture restart() throws Exception {
        closeWindow();
        open();
        return this;
    }

    public FxRobot robot() {
        return robot;
    }

    public ShellWindow window() {
        return window;
    }

    public OrreryHome home() {
        return home;
    }

    /** The catalog, once the plugins have loaded. */
    public CatalogPage catalog() throws Exception {
        return new CatalogPage(robot).awaitLoaded();
    }

    /** Opens the plugin from the catalog and returns its page. */
    public PluginPage open(String pluginId) throws Exception {
        catalog().open(pluginId);
        return plugin(pluginId);
    }

    /** The page of a plugin already open (for example restored from the last session). */
    public PluginPage plugin(String pluginId) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> tab(pluginId) != null);
        Tab tab = tab(pluginId);
        robot.interact(() -> tab.getTabPane().getSelectionModel().select(tab));
        return new PluginPage(robot, (PluginView) tab.getContent());
    }

    /** Closes every open plugin, as closing its tab does. */
    public void closeAllPlugins() {
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#plugin-tabs").queryAs(TabPane.class);
            tabs.getTabs().forEach(tab -> ((PluginView) tab.getContent()).close());
            tabs.getTabs().clear();
        });
    }

    private Tab tab(String pluginId) {
        TabPane tabs = robot.lookup("#plugin-tabs").queryAs(TabPane.class);
        return tabs.getTabs().stream().filter(t -> ("tab-" + pluginId).equals(t.getId())).findFirst().orElse(null);
    }

    private void closeWindow() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(() -> {
                window.close();
                stage.close();
            });
            window = null;
        }
    }

    @Override
    public void close() throws Exception {
        closeWindow();
    }
}
