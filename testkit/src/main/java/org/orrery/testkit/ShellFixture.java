package org.orrery.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.orrery.shell.app.ShellWindow;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.OrreryHome;
import org.orrery.shell.session.PluginView;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Orrery's main window under test, in this JVM: opened on a stage of its own with a user folder
 * of the test's choosing (its plugins, settings, session and logs) and the bundled plugins. Start
 * it with {@link #start}, reach its parts through the pages it hands out, {@link #close} it at
 * the end of the test.
 *
 * <p>Every wait of the fixture and its pages gives up after {@link #timeout()} (60 s, or the
 * system property {@code orrery.testkit.timeout} in seconds) and fails with what it saw.
 *
 * <p>The fixture watches the application's threads: {@link #close} fails the test if any of them
 * died of an uncaught exception while the window was open, as {@link #uncaughtExceptions()} lists.
 */
public final class ShellFixture implements AutoCloseable {

    private final OrreryHome home;
    private final Waits waits = new Waits(Duration.ofSeconds(Long.getLong("orrery.testkit.timeout", 60)));
    private final List<Throwable> uncaught = new ArrayList<>();
    private final Thread.UncaughtExceptionHandler previousHandler;
    private FxRobot robot;
    private Stage stage;
    private ShellWindow window;

    private ShellFixture(OrreryHome home) {
        this.home = home;
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            synchronized (uncaught) {
                uncaught.add(new AssertionError("uncaught in thread " + thread.getName() + ": " + e, e));
            }
            if (previousHandler != null) {
                previousHandler.uncaughtException(thread, e);
            } else {
                System.err.println("Exception in thread \"" + thread.getName() + "\"");
                e.printStackTrace();
            }
        });
    }

    /**
     * Opens the window with {@code userFolder} as its {@code ~/.orrery}, created if missing. Write
     * plugins of your own into {@code userFolder/plugins/<id>} before. JavaFX runs on its headless
     * platform unless the JVM names another ({@code -Dglass.platform}).
     */
    public static ShellFixture start(Path userFolder) throws Exception {
        ApplicationFiles.prepare();
        ShellFixture fixture = new ShellFixture(new OrreryHome(userFolder).create());
        try {
            FxToolkit.registerPrimaryStage();
            fixture.robot = new FxRobot();
            fixture.open();
        } catch (Exception | Error e) {
            fixture.restoreHandler();
            throw e;
        }
        return fixture;
    }

    private void open() throws Exception {
        window = FxToolkit.setupFixture(() -> {
            stage = new Stage();
            return ShellWindow.open(stage, home, PluginLibrary.of(home));
        });
        waits.onFx(() -> { });
    }

    /** How long every wait gives up after. */
    public Duration timeout() {
        return waits.timeout();
    }

    /** Sets how long every wait of this fixture and its pages gives up after. */
    public ShellFixture timeout(Duration timeout) {
        waits.timeout(timeout);
        return this;
    }

    /** Closes the window as the user would (settings and session saved) and opens it again. */
    public ShellFixture restart() throws Exception {
        closeWindow();
        open();
        return this;
    }

    /** TestFX's robot, for what the pages do not cover (look nodes up by the ids docs/QA.md lists). */
    public FxRobot robot() {
        return robot;
    }

    /** The user folder the window runs on (its {@code ~/.orrery}). */
    public Path userFolder() {
        return home.root();
    }

    /** The catalog, once the plugins have loaded. */
    public CatalogPage catalog() {
        return new CatalogPage(robot, waits).awaitLoaded();
    }

    /** Opens the plugin from the catalog (selects it, presses Open) and returns its tab's page. */
    public PluginPage open(String pluginId) {
        catalog().open(pluginId);
        return plugin(pluginId);
    }

    /** The page of a plugin already open (for example restored from the last session), its tab selected. */
    public PluginPage plugin(String pluginId) {
        Tab tab = waits.until("a tab for plugin " + pluginId, () -> waits.onFx(() -> tab(pluginId)), t -> t != null);
        waits.onFx(() -> tab.getTabPane().getSelectionModel().select(tab));
        return new PluginPage(robot, waits, (PluginView) tab.getContent());
    }

    /** The ids of the plugins open, in the order of their tabs. */
    public List<String> openPlugins() {
        return waits.onFx(() -> tabs().getTabs().stream()
                .map(tab -> ((PluginView) tab.getContent()).plugin().id()).toList());
    }

    /** Closes every open plugin, as closing its tab does. */
    public void closeAllPlugins() {
        waits.onFx(() -> {
            tabs().getTabs().forEach(tab -> ((PluginView) tab.getContent()).close());
            tabs().getTabs().clear();
        });
    }

    /** Opens File > Settings (Ctrl+,) and returns the dialog's page. */
    public SettingsPage settings() {
        return SettingsPage.open(robot, waits);
    }

    /** Opens a menu of the menu bar by its text ("File", "Run", "Help") and chooses an item by its id ("menu-sdk-guide"). */
    public ShellFixture chooseMenu(String menu, String itemId) {
        robot.clickOn(menu).clickOn("#" + itemId);
        return this;
    }

    /** Waits until a document window titled {@code title} (Help's guide, a plugin's read-me) shows its page, and returns it. */
    public GuidePage guide(String title) {
        return GuidePage.await(robot, waits, title);
    }

    /** What the status line at the bottom of the window says. */
    public String statusLine() {
        return waits.onFx(() -> robot.lookup("#status").queryAs(Label.class).getText());
    }

    /** Waits until the status line contains {@code text}, and returns it. */
    public String awaitStatusLine(String text) {
        return waits.until("the status line to say '" + text + "'", this::statusLine, line -> line.contains(text));
    }

    /** The exceptions that application threads died of since the window opened. */
    public List<Throwable> uncaughtExceptions() {
        synchronized (uncaught) {
            return List.copyOf(uncaught);
        }
    }

    private TabPane tabs() {
        return robot.lookup("#plugin-tabs").queryAs(TabPane.class);
    }

    private Tab tab(String pluginId) {
        return tabs().getTabs().stream().filter(t -> ("tab-" + pluginId).equals(t.getId())).findFirst().orElse(null);
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

    private void restoreHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    /**
     * Closes the window as the user would, then fails if an application thread died of an uncaught
     * exception while it was open (the first is the cause, the others suppressed).
     */
    @Override
    public void close() throws Exception {
        try {
            closeWindow();
            waits.onFx(() -> { }); // what the close queued on the FX thread runs before the check
        } finally {
            restoreHandler();
        }
        List<Throwable> seen = uncaughtExceptions();
        if (!seen.isEmpty()) {
            AssertionError failure = new AssertionError(seen.size() + " uncaught exception(s) in the application's "
                    + "threads; the first: " + seen.getFirst().getMessage(), seen.getFirst());
            seen.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
