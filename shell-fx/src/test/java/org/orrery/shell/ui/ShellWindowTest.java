package org.orrery.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javafx.application.Application;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.session.RunState;
import org.orrery.shell.settings.Settings;
import org.orrery.shell.settings.Theme;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.orrery.wasm.engine.EngineChoice;

/** The main window: the catalog, plugins that fail, settings and the session across a restart. */
class ShellWindowTest {

    @TempDir
    Path userFolder;

    private ShellFixture shell;

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            shell.close();
        }
    }

    @Test
    void theCatalogListsTheBundledPluginsWithTheirDetails() throws Exception {
        shell = ShellFixture.start(userFolder);
        CatalogPage catalog = shell.catalog();

        assertThat(catalog.entries()).extracting(CatalogEntry::id).contains("nbody", "heat", "density");
        assertThat(catalog.entries()).allMatch(e -> e.status() == CatalogEntry.Status.LOADED);
        assertThat(catalog.nameShown("nbody")).isEqualTo("N-body gravity  1.0.0");
        assertThat(catalog.statusShown("heat")).isEqualTo("loaded");
        assertThat(catalog.entries()).filteredOn(e -> e.id().equals("nbody")).first()
                .extracting(CatalogEntry::author).isEqualTo("Orrery");
    }

    @Test
    void helpAboutShowsTheVersionAndLicenceSetInTheBuildAndTheChangelog() throws Exception {
        shell = ShellFixture.start(userFolder);
        shell.catalog();
        shell.robot().clickOn("Help").clickOn("#menu-about");

        String header = shell.robot().lookup("#about").queryAs(DialogPane.class).getHeaderText();
        assertThat(header).isEqualTo("Orrery " + System.getProperty("orrery.expected.version"));
        assertThat(shell.robot().lookup("#about-licence").queryAs(Label.class).getText())
                .isEqualTo("From Orrery, under the Apache-2.0 licence.");
        assertThat(shell.robot().lookup("#about-changelog").queryAs(TextArea.class).getText())
                .startsWith("# Changelog").contains("## 0.1.0");

        FxRobot robot = shell.robot();
        shell.close(); // as quitting does, with the dialog still open
        shell = null;
        assertThat(robot.listWindows()).as("windows left showing")
                .noneMatch(w -> w.isShowing() && w instanceof Stage s && "About Orrery".equals(s.getTitle()));
    }

    @Test
    void aPluginWithABrokenDescriptorIsListedAsFailedWithItsReason() throws Exception {
        BadPlugins.brokenDescriptor(userFolder.resolve("plugins"));

        shell = ShellFixture.start(userFolder);
        CatalogPage catalog = shell.catalog();

        assertThat(catalog.statusShown("broken")).isEqualTo("failed");
        assertThat(catalog.reasonShown("broken")).contains("kernel.json").contains("not valid JSON");
        assertThat(catalog.statusShown("nbody")).isEqualTo("loaded");
    }

    @Test
    void aModuleThatIsNotWebAssemblyFailsInPlaceOfItsViewAndOtherPluginsRunOn() throws Exception {
        BadPlugins.garbledModule(userFolder.resolve("plugins"), BadPlugins.ITEMS);

        shell = ShellFixture.start(userFolder);
        PluginPage garbled = shell.open("garbled").start().awaitState(RunState.FAILED);

        assertThat(garbled.errorShown()).contains("plugin 'garbled'").contains("not a WebAssembly module");
        assertThat(garbled.errorDetails()).isNotBlank();
        PluginPage nbody = shell.open("nbody").type("items", "256").start().awaitState(RunState.RUNNING);
        nbody.awaitFramesShown(5);
        assertThat(shell.plugin("garbled").state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aPluginIsInstalledFromItsZipDisabledEnabledAndRemovedWithoutARestart(@TempDir Path dir) throws Exception {
        Path zip = renamedCopyOfHeat(dir.resolve("heat2.zip"), "heat2");
        shell = ShellFixture.start(userFolder);
        CatalogPage catalog = shell.catalog();

        catalog.install(zip, "heat2").awaitStatus("heat2", CatalogEntry.Status.LOADED);
        assertThat(catalog.statusShown("heat2")).isEqualTo("loaded");
        assertThat(userFolder.resolve("plugins/heat2.zip")).exists();

        catalog.install(zip, "heat2");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> catalog.statusLine().contains("already installed"));

        catalog.toggleDisabled("heat2").awaitStatus("heat2", CatalogEntry.Status.DISABLED);
        assertThat(catalog.statusShown("heat2")).isEqualTo("disabled");
        assertThat(catalog.canOpen("heat2")).isFalse();
        catalog.toggleDisabled("heat2").awaitStatus("heat2", CatalogEntry.Status.LOADED);
        assertThat(catalog.canOpen("heat2")).isTrue();

        catalog.remove("heat2");
        assertThat(userFolder.resolve("plugins/heat2.zip")).doesNotExist();
        assertThat(userFolder.resolve("plugins/heat2")).doesNotExist();
        assertThat(catalog.entries()).extracting(CatalogEntry::id).contains("heat");
    }

    /** The bundled heat plugin's zip with another id. */
    private static Path renamedCopyOfHeat(Path target, String id) throws Exception {
        Path bundled = Path.of(System.getProperty("orrery.bundled.plugins"), "heat.zip");
        try (ZipFile in = new ZipFile(bundled.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("plugin.properties") || entry.getName().equals("kernel.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("plugin.id=heat", "plugin.id=" + id)
                            .replace("\"id\": \"heat\"", "\"id\": \"" + id + "\"").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return target;
    }

    @Test
    void aGridsSizeIsUsedFromTheStartAndKeptAcrossARestart() throws Exception {
        shell = ShellFixture.start(userFolder);
        PluginPage heat = shell.open("heat").type("gridWidth", "96").type("gridHeight", "48").start().awaitFramesShown(1);
        PluginPage.FrameFit fit = heat.awaitFrameFit();
        assertThat(fit.drawnIn().getWidth() / fit.drawnIn().getHeight()).as("a 2:1 grid keeps its shape")
                .isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(heat.readoutAt(0.999, 0.999)).as("the last cell").endsWith("at (95, 47)");

        shell.restart();

        PluginPage restored = shell.plugin("heat");
        assertThat(restored.fieldText("gridWidth")).isEqualTo("96");
        assertThat(restored.fieldText("gridHeight")).isEqualTo("48");
    }

    @Test
    void settingsAndTheOpenPluginsSurviveARestart() throws Exception {
        shell = ShellFixture.start(userFolder);
        shell.catalog();
        shell.robot().press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        @SuppressWarnings("unchecked")
        ComboBox<Theme> theme = shell.robot().lookup("#settings-theme").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        Spinner<Double> rate = shell.robot().lookup("#settings-rate").queryAs(Spinner.class);
        shell.robot().interact(() -> {
            theme.getSelectionModel().select(Theme.DARK);
            rate.getValueFactory().setValue(30.0);
        });
        shell.robot().clickOn(shell.robot().lookup("#settings").queryAs(DialogPane.class).lookupButton(ButtonType.OK));
        PluginPage nbody = shell.open("nbody").type("gravity", "2.5").start().awaitFramesShown(1);
        OrbitCamera first = nbody.camera();
        nbody.scrollView(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !first.equals(nbody.camera()));
        OrbitCamera zoomed = nbody.camera();

        shell.restart();

        Settings expected = new Settings(0, true, 30, Settings.DEFAULTS.renderBackend(), Theme.DARK, EngineChoice.AUTO);
        assertThat(shell.window().settings()).isEqualTo(expected);
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        PluginPage restored = shell.plugin("nbody");
        assertThat(restored.fieldText("gravity")).isEqualTo("2.5");
        assertThat(restored.state()).isEqualTo(RunState.IDLE);
        assertThat(restored.camera()).isEqualTo(zoomed);
        restored.start().awaitFramesShown(1);
        assertThat(restored.camera()).as("the camera the restored run shows").isEqualTo(zoomed);
    }
}
