package org.orrery.servo.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
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

/** Painting heat sources sends the whole list, values then length, through the control ring. */
class SourcePainterTest {

    private static final int SIDE = 64;

    /** What the ring's consumer received: {type, index or records, value}. */
    private final List<double[]> received = new ArrayList<>();

    @Test
    void pressAndDragAddSourcesAndBackspaceTakesOneBack() throws Exception {
        ControlRing ring = new ControlRing(4096, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
            synchronized (received) {
                double value = event.type() == ControlType.BUFFER_VALUE ? event.bufferValue() : Double.NaN;
                int index = event.type() == ControlType.BUFFER_VALUE ? event.bufferIndex() : event.bufferRecords();
                received.add(new double[] {event.type().ordinal(), index, value, event.parameterGeneration()});
            }
        });
        Thread consumer = Thread.ofPlatform().daemon().start(ring.consumer());
        FieldLayout layout = new FieldLayout(0, SIDE, SIDE, false, FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, false));
        try (ViewRig rig = new ViewRig(4L * SIDE * SIDE, LayoutFrame.slotBytes((long) SIDE * SIDE, 0), 256, 256)) {
            rig.publishCompute(frame -> frame.asSlice(0, 4L * SIDE * SIDE).fill((byte) 0));
            rig.layOut(layout, null);
            AtomicInteger generation = new AtomicInteger(7);
            SourcePainter painter = Fx.call(() -> {
                rig.surface.present();
                return SourcePainter.install(rig.surface, ring, generation, 256, 4, () -> 500);
            });
            // 256 surface pixels show 64 cells: 4 pixels a cell.
            Fx.run(() -> {
                Pointer.press(rig.surface, MouseButton.PRIMARY, 40, 80, false);  // cell (10, 20)
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 44, 80, false);   // 1 cell on: under half a radius, skipped
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 80, 80, false);   // cell (20, 20)
                Pointer.drag(rig.surface, MouseButton.SECONDARY, 200, 200, false); // not the painting button
            });
            assertThat(painter.sources()).hasSize(2);
            assertThat(painter.sources().get(1)).containsExactly(20, 20, 4, 500);
            awaitReceived(9 + 5); // one source (4 values + length), then two (8 values + length)
            synchronized (received) {
                List<double[]> last = received.subList(5, 14);
                for (int i = 0; i < 8; i++) {
                    assertThat(last.get(i)[0]).isEqualTo(ControlType.BUFFER_VALUE.ordinal());
                    assertThat(last.get(i)[1]).isEqualTo(i);
                    assertThat(last.get(i)[3]).isEqualTo(9);
                }
                assertThat(last.get(4)[2]).isEqualTo(20); // the second source's x
                assertThat(last.get(8)).containsExactly(ControlType.BUFFER_LENGTH.ordinal(), 2, Double.NaN, 9);
            }

            Fx.run(() -> rig.surface.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.BACK_SPACE,
                    false, false, false, false)));
            assertThat(painter.sources()).hasSize(1);
            awaitReceived(14 + 5);
            synchronized (received) {
                assertThat(received.getLast()).containsExactly(ControlType.BUFFER_LENGTH.ordinal(), 1, Double.NaN, 10);
            }
            assertThat(painter.lostSends()).isZero();
        } finally {
            ring.consumer().halt();
            consumer.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    @Test
    void aFullListRefusesMoreSources() throws Exception {
        ControlRing ring = new ControlRing(64, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> { });
        Thread consumer = Thread.ofPlatform().daemon().start(ring.consumer());
        try (ViewRig rig = new ViewRig(4L * 16, LayoutFrame.slotBytes(16, 0), 64, 64)) {
            SourcePainter painter = Fx.call(() -> SourcePainter.install(rig.surface, ring, new AtomicInteger(), 3, 1, () -> 1));
            for (int i = 0; i < 3; i++) {
                assertThat(painter.add(i, i)).isTrue();
            }
            assertThat(painter.add(9, 9)).isFalse();
            assertThat(painter.sources()).hasSize(3);
        } finally {
            ring.consumer().halt();
            consumer.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (received) {
                if (received.size() >= count) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        synchronized (received) {
            assertThat(received).hasSizeGreaterThanOrEqualTo(count);
        }
    }
}
