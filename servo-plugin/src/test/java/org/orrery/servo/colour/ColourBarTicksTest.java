package org.orrery.servo.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class ColourBarTicksTest {

    private final FieldColouring colouring = new FieldColouring();
    private final ColourBarTicks ticks = new ColourBarTicks();

    private double[] ticksFor(ValueScale scale, float... values) {
        MemorySegment from = Arena.ofAuto().allocate(4L * values.length);
        for (int i = 0; i < values.length; i++) {
            from.set(ValueLayout.JAVA_FLOAT, 4L * i, values[i]);
        }
        colouring.colour(FieldStyle.auto(ColourMap.VIRIDIS, scale, false), from, 0, values.length, 1, false,
                Arena.ofAuto().allocate(4L * values.length), 0);
        int count = ticks.choose(colouring, scale);
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            result[i] = ticks.value(i);
            assertThat(ticks.position(i)).isCloseTo(colouring.positionOf(result[i]), within(1e-12));
            if (i > 0) {
                assertThat(ticks.position(i) - ticks.position(i - 1)).isGreaterThanOrEqualTo(ColourBarTicks.MIN_GAP);
            }
        }
        return result;
    }

    @Test
    void roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ColourBarTicks.roundStep(0.3)).isCloseTo(0.2, within(1e-12));
        assertThat(ColourBarTicks.roundStep(0.4)).isCloseTo(0.5, within(1e-12));
        assertThat(ColourBarTicks.roundStep(1)).isEqualTo(1);
        assertThat(ColourBarTicks.roundStep(1.2)).isEqualTo(1);
        assertThat(ColourBarTicks.roundStep(7)).isEqualTo(5);
        assertThat(ColourBarTicks.roundStep(7.5)).isEqualTo(10);
        assertThat(ColourBarTicks.roundStep(180)).isEqualTo(200);
    }

    @Test
    void linearTicksAreRoundValuesInsideTheRange() {
        assertThat(ticksFor(ValueScale.LINEAR, -130, 1020)).containsExactly(0, 200, 400, 600, 800, 1000);
        assertThat(ticksFor(ValueScale.LINEAR, 0, 1)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
    }

    @Test
    void logTicksAreTheLowEndAndPowersOfTen() {
        assertThat(ticksFor(ValueScale.LOG, 0, 50_000)).containsExactly(0, 1, 10, 100, 1000, 10_000);
        assertThat(ticksFor(ValueScale.LOG, 1, 60)).containsExactly(1, 2, 5, 10, 20, 50);
    }

    @Test
    void equalisedTicksAreTheQuartiles() {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 900 ? i % 10 : 10_000 + i; // nine in ten cells below 10
        }
        double[] quartiles = ticksFor(ValueScale.EQUALISED, values);
        assertThat(quartiles).hasSize(5);
        assertThat(quartiles[0]).isEqualTo(0);
        assertThat(quartiles[2]).isBetween(3.0, 6.0); // the median cell is a small one
        assertThat(quartiles[4]).isEqualTo(10_999);
    }
}
