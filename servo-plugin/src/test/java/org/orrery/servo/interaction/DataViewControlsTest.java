package org.orrery.servo.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.ring.ControlType;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.surface.Fx;
import org.orrery.servo.surface.ViewRig;

/** Pan and zoom of a density view send the new data region to the kernel as parameter changes. */
class DataViewControlsTest {

    private static final int GW = 200;
    private static final int GH = 100;
    private static final Rectangle2D HOME = new Rectangle2D(-74.1, 40.6, 0.4, 0.2);
    private static final DataViewControls.RegionParameters EDGES = new DataViewControls.RegionParameters(0, 1, 2, 3);

    /** The last value the ring carried for each of the four parameters, and its generation. */
    private final double[] sent = new double[4];
    private final int[] generations = new int[4];
    private final List<Integer> types = new ArrayList<>();

    @Test
    void scrollZoomsAboutThePointerAndDragPansInDataUnits() throws Exception {
        ControlRing ring = new ControlRing(64, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
            synchronized (sent) {
                types.add(event.type().ordinal());
                sent[event.parameterIndex()] = event.parameterValue();
                generations[event.parameterIndex()] = event.parameterGeneration();
            }
        });
        Thread consumer = Thread.ofPlatform().daemon().start(ring.consumer());
        FieldLayout layout = new FieldLayout(0, GW, GH, true, FieldStyle.auto(ColourMap.MAGMA, ValueScale.LOG, true));
        try (ViewRig rig = new ViewRig(4L * GW * GH, LayoutFrame.slotBytes((long) GW * GH, 0), 400, 200)) {
            rig.publishCompute(frame -> frame.asSlice(0, 4L * GW * GH).fill((byte) 0));
            rig.layOut(layout, null);
            AtomicInteger generation = new AtomicInteger(10);
            DataViewControls controls = Fx.call(() -> {
                rig.surface.present();
                rig.scene.getRoot().layout();
                return DataViewControls.install(rig.surface, ring, generation, EDGES, HOME);
            });

            // The pointer a quarter across and a quarter down: data point (-74.0, 40.75).
            Fx.run(() -> Pointer.scroll(rig.surface, 100, 50, 40));
            double f = Math.exp(-0.1);
            awaitSent(11);
            assertRegion(-74.0 - 0.1 * f, -74.0 + 0.3 * f, 40.75 - 0.15 * f, 40.75 + 0.05 * f);
            assertThat(controls.region().getWidth()).isCloseTo(0.4 * f, within(1e-12));

            Rectangle2D zoomed = controls.region();
            Fx.run(() -> {
                Pointer.press(rig.surface, MouseButton.PRIMARY, 200, 100, false);
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 240, 80, false); // right 1/10, up 1/10
            });
            awaitSent(12);
            assertRegion(zoomed.getMinX() - 0.1 * zoomed.getWidth(), zoomed.getMaxX() - 0.1 * zoomed.getWidth(),
                    zoomed.getMinY() - 0.1 * zoomed.getHeight(), zoomed.getMaxY() - 0.1 * zoomed.getHeight());

            Fx.run(() -> Pointer.doubleClick(rig.surface, 10, 10));
            awaitSent(13);
            assertRegion(HOME.getMinX(), HOME.getMaxX(), HOME.getMinY(), HOME.getMaxY());
            synchronized (sent) {
                assertThat(types).containsOnly(ControlType.PARAMETER_CHANGE.ordinal()).hasSize(12);
            }

            // New data: a new home, sent and told; a region sent by someone else is where the next drag starts.
            List<Rectangle2D> told = new java.util.ArrayList<>();
            Rectangle2D newHome = new Rectangle2D(10, 20, 4, 2);
            Fx.run(() -> {
                controls.setOnChange(told::add);
                controls.setHome(newHome);
            });
            awaitSent(14);
            assertRegion(10, 14, 20, 22);
            assertThat(told).containsExactly(newHome);
            Fx.run(() -> {
                controls.regionSentElsewhere(new Rectangle2D(0, 0, 8, 8));
                Pointer.press(rig.surface, MouseButton.PRIMARY, 200, 100, false);
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 240, 100, false); // right 1/10
            });
            awaitSent(15);
            assertRegion(-0.8, 7.2, 0, 8);
            Fx.run(() -> Pointer.doubleClick(rig.surface, 10, 10));
            awaitSent(16);
            assertRegion(10, 14, 20, 22);
            assertThat(controls.lostSends()).isZero();
        } finally {
            ring.consumer().halt();
            consumer.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private void assertRegion(double xMin, double xMax, double yMin, double yMax) {
        synchronized (sent) {
            assertThat(sent[0]).as("xMin").isCloseTo(xMin, within(1e-9));
            assertThat(sent[1]).as("xMax").isCloseTo(xMax, within(1e-9));
            assertThat(sent[2]).as("yMin").isCloseTo(yMin, within(1e-9));
            assertThat(sent[3]).as("yMax").isCloseTo(yMax, within(1e-9));
        }
    }

    /** Waits until all four parameters arrived with {@code generation}. */
    private void awaitSent(int generation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (sent) {
                if (generations[0] == generation && generations[3] == generation) {
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("parameters of generation " + generation + " did not arrive");
    }
}
