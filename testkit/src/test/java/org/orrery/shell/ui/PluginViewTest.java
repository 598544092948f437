package org.orrery.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.VerticalDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testkit.PluginPage;
import org.orrery.testkit.PluginState;
import org.orrery.testkit.RunControl;
import org.orrery.testkit.ShellFixture;
import org.orrery.testkit.SlowStartPlugin;
import org.orrery.testkit.WebPanelPage;

/** Running bundled plugins in the window: frames, parameters, run controls, the HUD. */
class PluginViewTest {

    @TempDir
    static Path userFolder;

    private static ShellFixture shell;

    @BeforeAll
    static void openShell() throws Exception {
        SlowStartPlugin.writeInto(userFolder.resolve("plugins"));
        shell = ShellFixture.start(userFolder);
    }

    @AfterAll
    static void closeShell() throws Exception {
        shell.close();
    }

    @AfterEach
    void closePlugin() {
        shell.closeAllPlugins();
    }

    /** n-body with few bodies, so a test is quick on two cores. */
    private static PluginPage smallNbody() throws Exception {
        return shell.open("nbody").type("items", "256");
    }

    @Test
    void startingNbodyRendersFramesThatChangeAndTheHudCountsThem() throws Exception {
        PluginPage page = smallNbody().start().awaitState(PluginState.RUNNING).awaitFramesShown(10);
        PluginPage.Pixels first = page.pixels();
        page.awaitFramesShown(page.framesShown() + 10);
        PluginPage.Pixels later = page.pixels();

        assertThat(first.colours()).as("bodies drawn over the background").isGreaterThan(1);
        assertThat(later.argb()).as("the bodies moved between the two frames").isNotEqualTo(first.argb());
        page.hud().awaitFramesShown(10);
        assertThat(page.hud().framesShown()).as("the HUD trails the view").isLessThanOrEqualTo(page.framesShown());
        assertThat(page.hud().figure("runtime")).isEqualTo("optimizing");
        assertThat(page.hud().figure("p50")).endsWith(" ms");
        page.awaitOneToOne(); // laid out at the view's size, drawn 1:1
    }

    @Test
    void nbodysWebPanelShowsEachFramesStatisticsAndItsParameters() throws Exception {
        PluginPage page = smallNbody();
        if (Boolean.getBoolean("orrery.servo.skip")) {
            // Built without the Servo bridge: the panel says so, and the plugin runs all the same.
            assertThat(page.webPanel().awaitProblem()).contains("no web panel").contains("liborrery_servo.so");
            page.start().awaitState(PluginState.RUNNING).awaitFramesShown(5);
            return;
        }
        WebPanelPage panel = page.webPanel().awaitLoaded();
        page.start().awaitState(PluginState.RUNNING).awaitFramesShown(5);
        panel.awaitFramesHandled(10);
        // The frames per second once the HUD's statistics have enough frames.
        panel.awaitMatching("document.querySelector('#fps b').textContent", "\"\\d+\"");
        panel.awaitValue("document.getElementById('plot').dataset.points > 5", "true");
        // The kernel's summary values: a bound system's energy, plotted frame after frame.
        panel.awaitMatching("document.querySelector('#energy b').textContent", "\"-[0-9]*\\.[0-9]+\"");
        panel.awaitValue("document.getElementById('energies').dataset.points > 5", "true");
        String gravity = "document.querySelector('#parameters tr td:last-child').textContent";
        panel.awaitValue(gravity, "\"1.0000\"");
        page.type("gravity", "2.5");
        panel.awaitValue(gravity, "\"2.5000\"");
        assertThat(panel.problem()).isNull();
    }

    @Test
    void badNumericInputIsRefusedInPlaceAndTheKernelKeepsItsValue() throws Exception {
        PluginPage page = shell.open("nbody");

        page.type("gravity", "abc");
        assertThat(page.inlineError("gravity")).isEqualTo("'abc' is not a number from 0 to 10");
        assertThat(page.values()[0]).isEqualTo(1.0);

        page.type("gravity", "20");
        assertThat(page.inlineError("gravity")).isEqualTo("'20' is not a number from 0 to 10");
        assertThat(page.values()[0]).isEqualTo(1.0);

        page.type("seed", "1.5");
        assertThat(page.inlineError("seed")).contains("a whole number");

        page.type("gravity", "2.5");
        assertThat(page.inlineError("gravity")).isEmpty();
        assertThat(page.values()[0]).isEqualTo(2.5);
    }

    @Test
    void parameterEditsReachTheKernel() throws Exception {
        // Heat starts at 20 degrees everywhere with insulated edges: one colour. Fixed edges at
        // 1000 degrees can only show if the kernel got both changes.
        PluginPage page = shell.open("heat").start().awaitState(PluginState.RUNNING).awaitFramesShown(3);
        page.awaitOneToOne(); // the grid redrawn at the view's size, drawn 1:1
        PluginPage.Pixels uniform = page.pixels();
        assertThat(uniform.at(1, uniform.height() / 2)).isEqualTo(uniform.at(uniform.width() / 2, uniform.height() / 2));

        page.choose("boundary", "fixed").type("edgeTemperature", "1000");

        page.awaitPixels("the edges hotter than the middle",
                now -> now.at(1, now.height() / 2) != now.at(now.width() / 2, now.height() / 2));
    }

    @Test
    void openingACsvWithBadLinesReportsThemAndShowsThePoints(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("pickups.csv");
        Files.writeString(csv, """
                lon,lat,fare
                0.10,0.20,5
                0.50,north,7
                0.30,0.40,6
                0.70,0.80,9
                0.90,0.10
                """);
        PluginPage page = shell.open("density").start().awaitState(PluginState.RUNNING).awaitFramesShown(2);
        PluginPage.Pixels empty = page.pixels();

        String status = page.openData(csv, "lon", "lat").awaitDataStatus();

        assertThat(status).startsWith("3 points from pickups.csv").endsWith("; 2 lines rejected");
        assertThat(page.rejectedLines()).hasSize(2);
        assertThat(page.rejectedLines().get(0)).startsWith("line 3, column lat: ");
        assertThat(page.rejectedLines().get(1)).startsWith("line 6");
        assertThat(page.values()).as("the view's region is the points' bounds, a thousandth of them wider each side")
                .containsExactly(new double[] {0.0994, 0.7006, 0.1994, 0.8006}, org.assertj.core.data.Offset.offset(1e-6));
        page.awaitPixels("the points drawn", now -> !java.util.Arrays.equals(now.argb(), empty.argb()));
        if (!Boolean.getBoolean("orrery.servo.skip")) {
            // The panel: the rows loaded, the kernel's figures for the points in view (all three, those on
            // the bounds' edges too), the region they span.
            WebPanelPage panel = page.webPanel().awaitLoaded();
            panel.awaitValue("document.querySelector('#rows b').textContent", "\"3\"");
            panel.awaitValue("document.querySelector('#lit b').textContent", "\"3\"");
            panel.awaitValue("document.getElementById('histogram').dataset.cells", "\"3\"");
            panel.awaitValue("document.getElementById('xs').textContent", "\"x 0.0994…0.701, y 0.199…0.801\"");
        }

        // Zooming in with the wheel narrows the region, and the fields follow it.
        page.scrollView(3, VerticalDirection.UP);
        page.awaitValues("the region narrowed", values -> values[1] - values[0] < 0.6 - 1e-3);
        assertThat(Double.parseDouble(page.fieldText("xMax")) - Double.parseDouble(page.fieldText("xMin")))
                .isCloseTo(page.values()[1] - page.values()[0], org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void pauseStopsTheFramesStepAdvancesOneAndResetStartsAgainPaused() throws Exception {
        PluginPage page = smallNbody().start().awaitState(PluginState.RUNNING).awaitFramesShown(5);

        page.pause().awaitState(PluginState.PAUSED);
        assertThat(page.enabled(RunControl.STEP)).isTrue();
        assertThat(page.enabled(RunControl.PAUSE)).isFalse();
        Thread.sleep(300); // a tick already on its way may still arrive
        long paused = page.framesShown();
        Thread.sleep(500);
        assertThat(page.framesShown()).as("no frames while paused").isEqualTo(paused);

        page.step().awaitFramesShown(paused);
        Thread.sleep(300);
        assertThat(page.framesShown()).as("one step, one frame").isEqualTo(paused + 1);

        page.reset().awaitState(PluginState.PAUSED);
        assertThat(page.framesShown()).as("a new run, nothing stepped yet").isZero();
        page.start().awaitState(PluginState.RUNNING).awaitFramesShown(3);
    }

    @Test
    void stopEndsTheRunAndStartBeginsANewOne() throws Exception {
        PluginPage page = smallNbody().start().awaitState(PluginState.RUNNING).awaitFramesShown(5);

        page.stop();

        assertThat(page.state()).as("stopped at once").isEqualTo(PluginState.IDLE);
        assertThat(page.framesShown()).as("no run on screen").isZero();
        assertThat(page.enabled(RunControl.START)).isTrue();
        assertThat(page.enabled(RunControl.STOP)).isFalse();
        assertThat(page.enabled(RunControl.RESET)).isFalse();
        page.start().awaitState(PluginState.RUNNING).awaitFramesShown(3);
        page.pause().awaitState(PluginState.PAUSED).stop();
        assertThat(page.state()).as("a paused run stops too").isEqualTo(PluginState.IDLE);
    }

    @Test
    void stopWhilePreparingEndsTheStartAndTheRunThatArrivesLaterIsNotShown() throws Exception {
        // Each instance of this plugin takes 400 ms to initialise, so its start is PREPARING for that long at least.
        PluginPage page = shell.open(SlowStartPlugin.ID);
        long began = System.nanoTime();
        page.start().awaitState(PluginState.RUNNING);
        long fullStartMillis = (System.nanoTime() - began) / 1_000_000;
        page.stop();

        page.start();
        assertThat(page.state()).isEqualTo(PluginState.PREPARING);
        page.stop();
        assertThat(page.state()).as("stopped at once").isEqualTo(PluginState.IDLE);
        Thread.sleep(2 * fullStartMillis); // past the moment the prepared run arrives

        assertThat(page.state()).isEqualTo(PluginState.IDLE);
        assertThat(page.framesShown()).isZero();
    }
}
