package org.orrery.servo.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;

class FieldColouringTest {

    private final Arena arena = Arena.ofAuto();
    private final FieldColouring colouring = new FieldColouring();

    private MemorySegment field(float... values) {
        MemorySegment segment = arena.allocate(4L * values.length);
        for (int i = 0; i < values.length; i++) {
            segment.set(ValueLayout.JAVA_FLOAT, 4L * i, values[i]);
        }
        return segment;
    }

    private int[] colour(FieldStyle style, MemorySegment from, int width, int height, boolean rowZeroAtBottom) {
        MemorySegment to = arena.allocate(4L * width * height);
        colouring.colour(style, from, 0, width, height, rowZeroAtBottom, to, 0);
        return to.toArray(ValueLayout.JAVA_INT);
    }

    private static int indexOf(ColourMap map, int pixel) {
        for (int i = 0; i < ColourMap.SIZE; i++) {
            if (map.pixel(i) == pixel) {
                return i;
            }
        }
        throw new AssertionError("pixel " + Integer.toHexString(pixel) + " is not in " + map);
    }

    @Test
    void linearScaleSpreadsTheRangeOverEveryColour() {
        float[] values = new float[256];
        for (int i = 0; i < values.length; i++) {
            values[i] = 10 + i * 0.5f;
        }
        int[] pixels = colour(FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), field(values), 256, 1, false);
        for (int i = 0; i < 256; i++) {
            assertThat(pixels[i]).as("cell %d", i).isEqualTo(ColourMap.VIRIDIS.pixel(i));
        }
        assertThat(colouring.low()).isEqualTo(10f);
        assertThat(colouring.high()).isEqualTo(137.5f);
    }

    @Test
    void emptyCellsAreTransparentAndLeftOutOfTheRange() {
        float[] values = {0, 4, Float.NaN, 8, Float.POSITIVE_INFINITY, 0};
        int[] pixels = colour(FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, true), field(values), 6, 1, false);
        assertThat(pixels).containsExactly(FieldColouring.EMPTY_PIXEL, ColourMap.MAGMA.pixel(0), FieldColouring.EMPTY_PIXEL,
                ColourMap.MAGMA.pixel(255), FieldColouring.EMPTY_PIXEL, FieldColouring.EMPTY_PIXEL);
        assertThat(colouring.nonEmptyCells()).isEqualTo(2);
        assertThat(colouring.low()).isEqualTo(4f);

        int[] zeroCounts = colour(FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, false), field(values), 6, 1, false);
        assertThat(zeroCounts[0]).as("0 is a value when zero is not empty").isEqualTo(ColourMap.MAGMA.pixel(0));
        assertThat(colouring.nonEmptyCells()).as("the NaN and the infinity left out").isEqualTo(4);
        assertThat(colouring.low()).isEqualTo(0f);
        assertThat(colouring.high()).isEqualTo(8f);
    }

    @Test
    void theRangeOfAFieldWithNoEmptyCellCoversEveryCellAcrossManyBlocks() {
        float[] values = new float[10_001]; // more than two of the blocks the range is read in
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? i * 0.25f : -i * 0.5f;
        }
        colour(FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), field(values), values.length, 1, false);
        assertThat(colouring.nonEmptyCells()).isEqualTo(values.length);
        assertThat(colouring.low()).isEqualTo(-9_999 * 0.5f);
        assertThat(colouring.high()).isEqualTo(10_000 * 0.25f);
    }

    @Test
    void aFixedRangeClampsValuesOutsideIt() {
        int[] pixels = colour(new FieldStyle(ColourMap.VIRIDIS, ValueScale.LINEAR, 0, 100, false),
                field(-50, 0, 50, 100, 500), 5, 1, false);
        assertThat(pixels).containsExactly(ColourMap.VIRIDIS.pixel(0), ColourMap.VIRIDIS.pixel(0),
                ColourMap.VIRIDIS.pixel(128), ColourMap.VIRIDIS.pixel(255), ColourMap.VIRIDIS.pixel(255));
    }

    @Test
    void aFlatFieldTakesTheMiddleColourOnEveryScale() {
        for (ValueScale scale : ValueScale.values()) {
            int[] pixels = colour(FieldStyle.auto(ColourMap.VIRIDIS, scale, false), field(20, 20, 20), 3, 1, false);
            assertThat(pixels).as(scale.label()).containsOnly(ColourMap.VIRIDIS.pixel(128));
        }
    }

    @Test
    void rowZeroAtTheBottomComesOutLast() {
        MemorySegment grid = field(1, 2, 3, 4, 5, 6); // 2 wide, 3 tall
        int[] topDown = colour(FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), grid, 2, 3, false);
        int[] bottomUp = colour(FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), grid, 2, 3, true);
        assertThat(bottomUp).containsExactly(topDown[4], topDown[5], topDown[2], topDown[3], topDown[0], topDown[1]);
    }

    @Test
    void logScaleBinsAgreeWithTheFormulaWithinOneColour() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.exp(random.nextDouble() * 12) - 1; // 0 to about 160,000
        }
        int[] pixels = colour(FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LOG, false), field(values), values.length, 1, false);
        double low = colouring.low();
        double top = Math.log1p(colouring.high() - low);
        for (int i = 0; i < values.length; i++) {
            double t = Math.log1p(values[i] - low) / top;
            int expected = Math.min(255, (int) (t * 256));
            assertThat(indexOf(ColourMap.VIRIDIS, pixels[i])).as("value %s", values[i]).isCloseTo(expected, within(1));
            assertThat(colouring.positionOf(values[i])).isCloseTo(t, within(1e-6));
        }
    }

    @Test
    void equalisedScaleGivesEachQuarterOfTheMapAQuarterOfTheCells() {
        SplittableRandom random = new SplittableRandom(5);
        float[] values = new float[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.exp(random.nextGaussian() * 2.5); // log-normal: a long tail
        }
        MemorySegment grid = field(values);
        int[] equalisedQuarters = quarters(colour(FieldStyle.auto(ColourMap.MAGMA, ValueScale.EQUALISED, true), grid,
                values.length, 1, false));
        for (int q = 0; q < 4; q++) {
            assertThat(equalisedQuarters[q] / (double) values.length).as("quarter %d", q).isCloseTo(0.25, within(0.01));
        }
        // The same data on a linear scale crowds into the lowest quarter: equalising is what spread it.
        int[] linearQuarters = quarters(colour(FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, true), grid,
                values.length, 1, false));
        assertThat(linearQuarters[0] / (double) values.length).isGreaterThan(0.99);
    }

    @Test
    void equalisedColoursNeverFallAsCountsRise() {
        int width = 512;
        int height = 512;
        MemorySegment grid = arena.allocate(4L * width * height);
        SyntheticFrames.densityGrid(grid, 0, width, height);
        int[] pixels = colour(FieldStyle.auto(ColourMap.MAGMA, ValueScale.EQUALISED, true), grid, width, height, false);
        int[] indexByCount = new int[100_000];
        java.util.Arrays.fill(indexByCount, -1);
        for (int i = 0; i < pixels.length; i++) {
            int count = (int) grid.get(ValueLayout.JAVA_FLOAT, 4L * i);
            if (count > 0) {
                int index = indexOf(ColourMap.MAGMA, pixels[i]);
                assertThat(indexByCount[count]).as("count %d", count).isIn(-1, index);
                indexByCount[count] = index;
            }
        }
        int last = -1;
        for (int index : indexByCount) {
            if (index >= 0) {
                assertThat(index).isGreaterThanOrEqualTo(last);
                last = index;
            }
        }
        assertThat(last).as("the busiest cells reach the top of the map").isGreaterThan(250);
    }

    private static int[] quarters(int[] pixels) {
        int[] counts = new int[4];
        for (int p : pixels) {
            if (p != FieldColouring.EMPTY_PIXEL) {
                counts[indexOf(ColourMap.MAGMA, p) / 64]++;
            }
        }
        return counts;
    }

    @Test
    void valueAtUndoesPositionOfOnEveryScale() {
        float[] values = new float[2000];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (-40 + random.nextDouble() * random.nextDouble() * 1000);
        }
        for (ValueScale scale : ValueScale.values()) {
            colour(FieldStyle.auto(ColourMap.VIRIDIS, scale, false), field(values), values.length, 1, false);
            for (double t = 0.1; t < 0.95; t += 0.2) {
                double value = colouring.valueAt(t);
                assertThat(value).isBetween((double) colouring.low(), (double) colouring.high());
                assertThat(colouring.positionOf(value)).as("%s at %s", scale.label(), t).isCloseTo(t, within(0.02));
            }
        }
    }
}
