package org.orrery.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.plugins.density.SampleTaxiPickups;
import org.orrery.testkit.BadPlugins;
import org.orrery.testkit.GuidePage;
import org.orrery.testkit.PluginPage;
import org.orrery.testkit.PluginState;
import org.orrery.testkit.ShellFixture;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the screenshots in docs/screenshots, headless: the catalog with a failed plugin, n-body
 * running with its HUD, heat with sources painted, density over a million sample taxi pickups, a plugin
 * that failed, and each bundled plugin's web panel as Servo draws it (panel-*.png). Not part of the test
 * command; run it with {@code scripts/screenshots}.
 */
@EnabledIfSystemProperty(named = "orrery.screenshots", matches = ".+")
class ScreenshotTour {

    @TempDir
    Path userFolder;

    @Test
    void takeTheScreenshots() throws Exception {
        Path out = Files.createDirectories(Path.of(System.getProperty("orrery.screenshots")));
        BadPlugins.brokenDescriptor(userFolder.resolve("plugins"));
        BadPlugins.garbledModule(userFolder.resolve("plugins"), BadPlugins.ITEMS);

        try (ShellFixture shell = ShellFixture.start(userFolder)) {
            shell.catalog();
            save(shell, shell.robot().lookup("#menu-bar").query().getScene().getRoot(), out.resolve("catalog.png"));

            PluginPage nbody = shell.open("nbody").type("items", "1024").start().awaitState(PluginState.RUNNING);
            nbody.awaitFramesShown(600); // ten seconds: past the kernel's warm-up and the first window of statistics
            save(shell, root(shell), out.resolve("nbody.png"));
            save(shell, shell.robot().lookup("#hud").query(), out.resolve("hud.png"));
            save(shell, shell.robot().lookup("#plugin-view-nbody #web-panel").query(), out.resolve("panel-nbody.png"));

            PluginPage heat = shell.open("heat").start().awaitState(PluginState.RUNNING).awaitFramesShown(3);
            Node surface = shell.robot().lookup("#plugin-view-heat #gpu-surface").query();
            shell.robot().moveTo(surface).moveBy(-150, -60).press(MouseButton.PRIMARY).moveBy(120, 40).moveBy(120, 60)
                    .release(MouseButton.PRIMARY);
            shell.robot().moveTo(surface).moveBy(160, 90).press(MouseButton.PRIMARY).release(MouseButton.PRIMARY);
            heat.awaitFramesShown(heat.framesShown() + 90);
            save(shell, root(shell), out.resolve("heat.png"));
            save(shell, shell.robot().lookup("#plugin-view-heat #web-panel").query(), out.resolve("panel-heat.png"));
            shell.closeAllPlugins(); // the two cores to density's million points

            Path sample = userFolder.resolve("taxi-pickups.csv");
            SampleTaxiPickups.write(sample, 1_000_000, 2026, (done, total) -> { });
            PluginPage density = shell.open("density").start().awaitState(PluginState.RUNNING);
            density.openData(sample, "longitude", "latitude").awaitDataStatus();
            density.awaitFramesShown(density.framesShown() + 30);
            save(shell, root(shell), out.resolve("density.png"));
            save(shell, shell.robot().lookup("#plugin-view-density #web-panel").query(), out.resolve("panel-density.png"));

            GuidePage guide = shell.chooseMenu("Help", "menu-sdk-guide").guide("Kernel SDK guide");
            Thread.sleep(1_000); // the loaded page's first frames reach the window
            save(shell, guide.content(), out.resolve("sdk-guide.png"));
            guide.close(); // it covers the catalog the robot uses next

            shell.open("garbled").start().awaitState(PluginState.FAILED);
            save(shell, root(shell), out.resolve("failed-plugin.png"));
        }
    }

    private static Node root(ShellFixture shell) {
        return shell.robot().lookup("#plugin-tabs").query().getScene().getRoot();
    }

    private static void save(ShellFixture shell, Node node, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(30, TimeUnit.SECONDS);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        ImageIO.write(png, "png", file.toFile());
        assertThat(java.util.Arrays.stream(argb).distinct().count()).as(file + " shows something").isGreaterThan(10);
    }
}
