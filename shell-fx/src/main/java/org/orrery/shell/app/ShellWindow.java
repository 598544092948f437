package org.orrery.shell.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.servo.web.ServoEngine;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.CatalogView;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.guide.GuideWindow;
import org.orrery.shell.home.OrreryHome;
import org.orrery.shell.pipeline.FxThreads;
import org.orrery.shell.pipeline.JvmBackgroundThreads;
import org.orrery.shell.session.KernelServices;
import org.orrery.shell.session.PluginView;
import org.orrery.shell.session.SessionStore;
import org.orrery.shell.session.SessionStore.OpenPlugin;
import org.orrery.shell.settings.Settings;
import org.orrery.shell.settings.SettingsDialog;
import org.orrery.shell.settings.SettingsStore;
import org.orrery.shell.settings.Theme;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/**
 * The main window: the plugin catalog on the left, the open plugins in tabs, a menu and a status
 * line. The window shows at once; the plugins and the WebAssembly runtime load in the background,
 * with progress shown. Settings and the open plugins are saved on {@link #close} and come back at
 * the next start.
 *
 * <p>Ids: {@code plugin-tabs} (tabs with ids {@code tab-<plugin id>}), {@code status},
 * {@code status-runtime}, and the menu items {@code menu-open}, {@code menu-settings},
 * {@code menu-open-data}, {@code menu-start}, {@code menu-step}, {@code menu-reset}, {@code menu-stop}, {@code menu-close-tab},
 * {@code menu-quit}.
 */
public final class ShellWindow implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ShellWindow.class.getName());
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 800;

    private final Stage stage;
    private final OrreryHome home;
    private final PluginLibrary library;
    private final SettingsStore settingsStore;
    private final SessionStore sessionStore;
    private final KernelServices services;
    private final ExecutorService catalogWork;
    private final CatalogView catalog = new CatalogView();
    private final TabPane tabs = new TabPane();
    private final Label status = new Label("Loading plugins…");
    private final Label runtimeStatus = new Label("WebAssembly: starting…");
    private Settings settings;
    private boolean closed;

    private ShellWindow(Stage stage, OrreryHome home, PluginLibrary library) {
        this.stage = stage;
        this.home = home;
        this.library = library;
        this.settingsStore = new SettingsStore(home.settingsFile());
        this.sessionStore = new SessionStore(home.sessionFile());
        this.settings = settingsStore.load();
        ExecutorService background = Executors.newCachedThreadPool(Thread.ofPlatform().name("orrery-background-", 0)
                .daemon().factory());
        CorePartition partition = partition();
        this.services = new KernelServices(new CompletableFuture<>(), new StepWatchdog(), partition.workers(), background);
        ServoEngine.runOn(partition.render()); // web panels' Servo, once one starts it
        FxThreads.configure(FxThreads.Mode.AUTO, partition.ui(), partition.all());
        JvmBackgroundThreads.lowerTo(JvmBackgroundThreads.DEFAULT);
        // One at a time, so that a reload never overlaps another and the status line tells them in order.
        this.catalogWork = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("orrery-catalog").daemon().factory());
        applyTheme(settings.theme());
        BorderPane root = new BorderPane();
        root.setTop(menus());
        tabs.setId("plugin-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Label empty = new Label("Open a plugin from the catalog (double-click, Enter or Open)");
        empty.getStyleClass().add("text-muted");
        BorderPane tabArea = new BorderPane(tabs);
        Runnable showTabsOrHint = () -> tabArea.setCenter(tabs.getTabs().isEmpty() ? empty : tabs);
        tabs.getTabs().subscribe(showTabsOrHint);
        showTabsOrHint.run();
        SplitPane split = new SplitPane(catalog, tabArea);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(catalog, false);
        root.setCenter(split);
        root.setBottom(statusBar());
        catalog.setOnOpen(entry -> open(entry, null));
        catalog.setActions(new PluginManagement(stage, catalog, library, home.plugins(), catalogWork, this::closeTabs,
                () -> loadPlugins(false), this::say));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
        stage.setScene(scene);
        stage.setTitle("Orrery");
        stage.getIcons().add(new Image(ShellWindow.class.getResource("orrery.png").toExternalForm()));
        stage.setMinWidth(Math.min(900, screen.getWidth()));
        stage.setMinHeight(Math.min(560, screen.getHeight()));
        stage.setOnCloseRequest(e -> close());
        if (!settingsStore.problem().isEmpty()) {
            LOG.warning(settingsStore.problem());
            status.setText(settingsStore.problem());
        }
        services.runtime().whenComplete((runtime, failure) -> {
            String text = failure != null ? "WebAssembly: failed to start (" + failure.getMessage() + ")"
                    : runtime.isOptimizing() ? "WebAssembly: optimizing runtime" : "WebAssembly: interpreter (slow)";
            LOG.info(text);
            Platform.runLater(() -> runtimeStatus.setText(text));
        });
    }

    /** Builds the window in {@code stage} and shows it, then loads the plugins and the runtime. FX thread. */
    public static ShellWindow open(Stage stage, OrreryHome home, PluginLibrary library) {
        ShellWindow window = new ShellWindow(stage, home, library);
        stage.show();
        // Only now: the window comes first, and the two cores are not shared with this work before it.
        window.catalogWork.submit(() -> window.loadPlugins(true));
        window.services.background().submit(window::startRuntime);
        return window;
    }

    private void startRuntime() {
        try {
            services.runtime().complete(new GraalWasmEngine());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "the WebAssembly runtime did not start", e);
            services.runtime().completeExceptionally(e);
        }
    }

    private static CorePartition partition() {
        try {
            return CorePartition.of(CpuTopology.detect());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the CPU topology; workers and Servo run unpinned", e);
            return new CorePartition(List.of(), List.of(), List.of());
        }
    }

    private MenuBar menus() {
        MenuItem open = item("menu-open", "Open plugin", "Shortcut+O", catalog::openSelected);
        MenuItem settingsItem = item("menu-settings", "Settings…", "Shortcut+Comma", this::editSettings);
        MenuItem openData = item("menu-open-data", "Open data…", "Shortcut+Shift+O",
                () -> selected().filter(PluginView::takesData).ifPresentOrElse(PluginView::chooseData,
                        () -> status.setText("Open data: open a plugin that shows your data (Point density) first")));
        MenuItem closeTab = item("menu-close-tab", "Close plugin", "Shortcut+W", this::closeSelectedTab);
        MenuItem quit = item("menu-quit", "Quit", "Shortcut+Q", () -> {
            close();
            stage.close();
        });
        Menu file = new Menu("File", null, open, openData, closeTab, new SeparatorMenuItem(), settingsItem, new SeparatorMenuItem(), quit);
        Menu run = new Menu("Run", null,
                item("menu-start", "Start / pause", "F5", () -> selected().ifPresent(PluginView::toggle)),
                item("menu-step", "Step", "F6", () -> selected().ifPresent(PluginView::step)),
                item("menu-reset", "Reset", "Shortcut+R", () -> selected().ifPresent(PluginView::reset)),
                item("menu-stop", "Stop", "Shift+F5", () -> selected().ifPresent(PluginView::stop)));
        Menu help = new Menu("Help", null,
                item("menu-plugin-readme", "Plugin read-me", null, this::showReadme),
                item("menu-sdk-guide", "Kernel SDK guide", null, this::showSdkGuide),
                new SeparatorMenuItem(),
                item("menu-about", "About Orrery", null, this::about));
        MenuBar bar = new MenuBar(file, run, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String id, String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private HBox statusBar() {
        status.setId("status");
        runtimeStatus.setId("status-runtime");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(12, status, gap, runtimeStatus);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** Lists the plugins, then (the first time) opens those of the last session. Not on the FX thread. */
    private void loadPlugins(boolean restoreSession) {
        List<CatalogEntry> entries;
        try {
            entries = library.load();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "loading the plugins failed", e);
            Platform.runLater(() -> status.setText("Loading the plugins failed: " + e.getMessage()));
            return;
        }
        List<OpenPlugin> reopen = List.of();
        if (restoreSession) {
            try {
                reopen = sessionStore.load();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "the last session cannot be restored from " + home.sessionFile(), e);
            }
        }
        List<OpenPlugin> toOpen = reopen;
        Platform.runLater(() -> {
            if (closed) {
                return;
            }
            catalog.show(entries);
            long failed = entries.stream().filter(e -> e.status() == CatalogEntry.Status.FAILED).count();
            status.setText(entries.size() - failed + " plugins loaded" + (failed > 0 ? ", " + failed + " failed" : ""));
            LOG.info(status.getText() + ": " + entries.stream().map(e -> e.id() + " " + e.status()).toList());
            for (OpenPlugin plugin : toOpen) {
                entries.stream().filter(e -> e.id().equals(plugin.id()) && e.status() == CatalogEntry.Status.LOADED)
                        .findFirst().ifPresent(entry -> open(entry, plugin));
            }
        });
    }

    /** Shows a message in the status line. Any thread. */
    private void say(String message) {
        Platform.runLater(() -> status.setText(message));
    }

    private void closeTabs(String pluginId) {
        for (Tab tab : List.copyOf(tabs.getTabs())) {
            if (("tab-" + pluginId).equals(tab.getId())) {
                tabs.getTabs().remove(tab);
                ((PluginView) tab.getContent()).close();
            }
        }
    }

    /** Opens a plugin in a new tab, with a restored session's values if given. */
    private void open(CatalogEntry entry, OpenPlugin restored) {
        var plugin = entry.plugin().orElseThrow();
        double[] defaults = plugin.descriptor().parameters().stream().mapToDouble(p -> p.defaultValue()).toArray();
        double[] values = restored != null && restored.values().length == defaults.length
                && accepted(plugin.descriptor().parameters(), restored.values()) ? restored.values() : defaults;
        PluginView view = new PluginView(plugin, services, () -> settings, values, restored != null ? restored.size() : null,
                restored != null ? restored.camera() : null);
        Tab tab = new Tab(entry.name(), view);
        tab.setId("tab-" + entry.id());
        tab.setOnClosed(e -> view.close());
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    private static boolean accepted(List<ParameterSpec> specs, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!specs.get(i).accepts(values[i])) {
                return false;
            }
        }
        return true;
    }

    private Optional<PluginView> selected() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab == null ? Optional.empty() : Optional.of((PluginView) tab.getContent());
    }

    private void closeSelectedTab() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab != null) {
            tabs.getTabs().remove(tab);
            ((PluginView) tab.getContent()).close();
        }
    }

    private void editSettings() {
        new SettingsDialog(stage, settings).ask().ifPresent(chosen -> {
            settings = chosen;
            applyTheme(chosen.theme());
            saveSettings();
        });
    }

    private void saveSettings() {
        try {
            settingsStore.save(settings);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save the settings to " + home.settingsFile(), e);
            status.setText("Cannot save the settings: " + e.getMessage());
        }
    }

    private static void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** The README of the plugin in the selected tab, drawn by Servo in a window of its own. */
    private void showReadme() {
        Optional<ComputePlugin> plugin = selected().map(PluginView::plugin);
        if (plugin.isEmpty()) {
            status.setText("Plugin read-me: open a plugin first");
            return;
        }
        Optional<Path> readme = plugin.get().readmeFile();
        if (readme.isEmpty()) {
            status.setText(plugin.get().descriptor().name() + " has no README.md");
            return;
        }
        try {
            String title = plugin.get().descriptor().name() + " — read me";
            GuideWindow.open(stage, title, Files.readString(readme.get()), services.background());
        } catch (IOException e) {
            status.setText("Cannot read " + readme.get() + ": " + e.getMessage());
        }
    }

    /** The kernel SDK guide (native-libs/kernel-sdk/README.md, bundled), drawn by Servo in a window of its own. */
    private void showSdkGuide() {
        try (var in = GuideWindow.class.getResourceAsStream("README.md")) {
            if (in == null) {
                status.setText("The kernel SDK guide is missing from this build");
                return;
            }
            String title = "Kernel SDK guide";
            GuideWindow.open(stage, title, new String(in.readAllBytes(), StandardCharsets.UTF_8), services.background());
        } catch (IOException e) {
            status.setText("Cannot read the kernel SDK guide: " + e.getMessage());
        }
    }

    private void about() {
        new AboutDialog(stage, BuildInfo.current(), runtimeStatus.getText()).show();
    }

    /** The settings now in force. */
    public Settings settings() {
        return settings;
    }

    /** Saves the settings and the open plugins, stops every plugin and the runtime. FX thread; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // JavaFX leaves a window's own dialogs (About) showing when it closes; they would keep
        // the application running with no main window.
        for (Window owned : List.copyOf(Window.getWindows())) {
            if (owned instanceof Stage dialog && dialog.getOwner() == stage) {
                dialog.close();
            }
        }
        saveSettings();
        List<OpenPlugin> open = new ArrayList<>();
        for (Tab tab : tabs.getTabs()) {
            PluginView view = (PluginView) tab.getContent();
            open.add(new OpenPlugin(view.plugin().id(), view.parameterValues(), view.size(), view.camera().orElse(null)));
            view.close();
        }
        try {
            sessionStore.save(open);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save the session to " + home.sessionFile(), e);
        }
        catalogWork.shutdown();
        services.background().shutdown();
        try {
            if (!services.background().awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("plugins still stopping after 10 s; leaving them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.watchdog().close();
        services.runtime().thenAccept(WasmEngine::close);
    }
}
