package org.orrery.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javafx.application.Application;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testkit.BadPlugins;
import org.orrery.testkit.Camera;
import org.orrery.testkit.CatalogItem;
import org.orrery.testkit.CatalogPage;
import org.orrery.testkit.PluginPage;
import org.orrery.testkit.PluginState;
import org.orrery.testkit.PluginStatus;
import org.orrery.testkit.SettingsPage;
import org.orrery.testkit.ShellFixture;
import org.testfx.api.FxRobot;

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

        assertThat(catalog.items()).extracting(CatalogItem::id).contains("nbody", "heat", "density");
        assertThat(catalog.items()).allMatch(e -> e.status() == PluginStatus.LOADED);
        assertThat(catalog.nameShown("nbody")).isEqualTo("N-body gravity  1.0.0");
        assertThat(catalog.statusShown("heat")).isEqualTo("loaded");
        assertThat(catalog.items()).filteredOn(e -> e.id().equals("nbody")).first()
                .extracting(CatalogItem::author).isEqualTo("Orrery");
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
    void pluginsWithABrokenOrHostileDescriptorAreListedAsFailedWithTheirReasonsAndTheOthersLoad() throws Exception {
        BadPlugins.brokenDescriptor(userFolder.resolve("plugins"));
        BadPlugins.deeplyNestedDescriptor(userFolder.resolve("plugins"));

        shell = ShellFixture.start(userFolder);
        CatalogPage catalog = shell.catalog();

        assertThat(catalog.statusShown("broken")).isEqualTo("failed");
        assertThat(catalog.reasonShown("broken")).contains("kernel.json").contains("not valid JSON");
        assertThat(catalog.awaitStatus("deep", PluginStatus.FAILED).reason()).contains("nesting depth");
        assertThat(catalog.statusShown("nbody")).isEqualTo("loaded");
        assertThat(catalog.statusShown("heat")).isEqualTo("loaded");
    }

    @Test
    void aModuleThatIsNotWebAssemblyFailsInPlaceOfItsViewAndOtherPluginsRunOn() throws Exception {
        BadPlugins.garbledModule(userFolder.resolve("plugins"), BadPlugins.ITEMS);

        shell = ShellFixture.start(userFolder);
        PluginPage garbled = shell.open("garbled").start().awaitState(PluginState.FAILED);

        assertThat(garbled.errorShown()).contains("plugin 'garbled'").contains("not a WebAssembly module");
        assertThat(garbled.errorDetails()).isNotBlank();
        assertThatThrownBy(() -> garbled.awaitFramesShown(0)).as("a wait for frames gives up at once, saying why")
                .hasMessageStartingWith("garbled failed while waiting for garbled to show more than 0 frames: plugin 'garbled'");
        PluginPage nbody = shell.open("nbody").type("items", "256").start().awaitState(PluginState.RUNNING);
        nbody.awaitFramesShown(5);
        assertThat(shell.plugin("garbled").state()).isEqualTo(PluginState.FAILED);
    }

    @Test
    void aPluginIsInstalledFromItsZipDisabledEnabledAndRemovedWithoutARestart(@TempDir Path dir) throws Exception {
        shell = ShellFixture.start(userFolder);
        Path zip = renamedCopyOfHeat(dir.resolve("heat2.zip"), "heat2");
        CatalogPage catalog = shell.catalog();

        catalog.install(zip, "heat2").awaitStatus("heat2", PluginStatus.LOADED);
        assertThat(catalog.statusShown("heat2")).isEqualTo("loaded");
        assertThat(userFolder.resolve("plugins/heat2.zip")).exists();

        catalog.install(zip, "heat2");
        shell.awaitStatusLine("already installed");

        catalog.toggleDisabled("heat2").awaitStatus("heat2", PluginStatus.DISABLED);
        assertThat(catalog.statusShown("heat2")).isEqualTo("disabled");
        assertThat(catalog.canOpen("heat2")).isFalse();
        catalog.toggleDisabled("heat2").awaitStatus("heat2", PluginStatus.LOADED);
        assertThat(catalog.canOpen("heat2")).isTrue();

        catalog.remove("heat2");
        assertThat(userFolder.resolve("plugins/heat2.zip")).doesNotExist();
        assertThat(userFolder.resolve("plugins/heat2")).doesNotExist();
        assertThat(catalog.items()).extracting(CatalogItem::id).contains("heat");
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
        PluginPage.FrameFit fit = heat.awaitOneToOne();
        assertThat(fit.drawnWidth() / fit.drawnHeight()).as("a 2:1 grid keeps its shape")
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
        shell.settings().theme("DARK").frameRate(30).ok();
        PluginPage nbody = shell.open("nbody").type("gravity", "2.5").start().awaitFramesShown(1);
        Camera first = nbody.camera();
        nbody.scrollView(3, VerticalDirection.UP);
        Camera zoomed = nbody.awaitCameraMoved(first);

        shell.restart();

        SettingsPage settings = shell.settings();
        assertThat(settings.theme()).isEqualTo("DARK");
        assertThat(settings.frameRate()).isEqualTo(30);
        assertThat(settings.workerThreads()).as("unchanged, the default").isZero();
        assertThat(settings.engine()).as("unchanged, the default").isEqualTo("auto");
        settings.cancel();
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        PluginPage restored = shell.plugin("nbody");
        assertThat(restored.fieldText("gravity")).isEqualTo("2.5");
        assertThat(restored.state()).isEqualTo(PluginState.IDLE);
        assertThat(restored.camera()).isEqualTo(zoomed);
        restored.start().awaitFramesShown(1);
        assertThat(restored.camera()).as("the camera the restored run shows").isEqualTo(zoomed);
    }
}
