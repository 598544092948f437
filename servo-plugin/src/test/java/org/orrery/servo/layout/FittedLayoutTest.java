package org.orrery.servo.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;

/** A field drawn at the size it is shown: which cell each pixel shows, the header, the slot's room. */
class FittedLayoutTest {

    /** A 4 x 3 field whose cell (x, y) is coloured {@code colour(x, y)}, with a colour range in its header. */
    private static final class NumberedCells implements FrameLayout {
        static final int WIDE = 4;
        static final int HIGH = 3;
        final IntBinaryOperator colour;
        long version;

        /** Cell (x, y) coloured 10 * y + x, so a pixel names its cell. */
        NumberedCells() {
            this((x, y) -> 10 * y + x);
        }

        NumberedCells(IntBinaryOperator colour) {
            this.colour = colour;
        }

        @Override
        public void layOut(MemorySegment computeFrame, MemorySegment slot) {
            slot.set(ValueLayout.JAVA_INT, LayoutFrame.WIDTH, WIDE);
            slot.set(ValueLayout.JAVA_INT, LayoutFrame.HEIGHT, HIGH);
            slot.set(ValueLayout.JAVA_FLOAT, LayoutFrame.LOW, -1.5f);
            slot.set(ValueLayout.JAVA_FLOAT, LayoutFrame.HIGH, 7.25f);
            for (int y = 0; y < HIGH; y++) {
                for (int x = 0; x < WIDE; x++) {
                    slot.set(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * (y * WIDE + x), colour.applyAsInt(x, y));
                }
            }
        }

        @Override
        public long settingsVersion() {
            return version;
        }
    }

    private final NumberedCells cells = new NumberedCells();
    private final FittedLayout fitted = new FittedLayout(cells, NumberedCells.WIDE, NumberedCells.HIGH);
    private final MemorySegment slot = Arena.ofAuto().allocate(LayoutFrame.slotBytes(64, 0), 64);

    /** The cell numbers the frame in {@code slot} shows, row by row. */
    private int[][] shown() {
        return shown(fitted);
    }

    private int[][] shown(FittedLayout fitted) {
        fitted.layOut(MemorySegment.NULL, slot);
        int[][] rows = new int[LayoutFrame.height(slot)][LayoutFrame.width(slot)];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length; x++) {
                rows[y][x] = slot.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * (y * rows[y].length + x));
            }
        }
        return rows;
    }

    @Test
    void untilToldASizeItDrawsOnePixelPerCell() {
        assertThat(shown()).isEqualTo(new int[][] {{0, 1, 2, 3}, {10, 11, 12, 13}, {20, 21, 22, 23}});
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, LayoutFrame.LOW)).isEqualTo(-1.5f);
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, LayoutFrame.HIGH)).isEqualTo(7.25f);
    }

    @Test
    void magnifiedEachCellCoversAWholeBlockOfPixels() {
        fitted.show(8, 6, 0, 0, 4, 3);
        assertThat(shown()).isEqualTo(new int[][] {
                {0, 0, 1, 1, 2, 2, 3, 3}, {0, 0, 1, 1, 2, 2, 3, 3},
                {10, 10, 11, 11, 12, 12, 13, 13}, {10, 10, 11, 11, 12, 12, 13, 13},
                {20, 20, 21, 21, 22, 22, 23, 23}, {20, 20, 21, 21, 22, 22, 23, 23}});
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, LayoutFrame.HIGH)).as("the header goes with the pixels").isEqualTo(7.25f);
    }

    @Test
    void onlyThePartInViewIsDrawnAndEachPixelTakesTheCellUnderItsCentre() {
        fitted.show(4, 4, 2, 1, 2, 2); // cells x 2..3, y 1..2, each over 2 x 2 pixels
        assertThat(shown()).isEqualTo(new int[][] {{12, 12, 13, 13}, {12, 12, 13, 13}, {22, 22, 23, 23}, {22, 22, 23, 23}});
        fitted.show(3, 3, 0.25, 0, 1.5, 3); // across magnified, half a cell a pixel; down 1:1
        assertThat(shown()).isEqualTo(new int[][] {{0, 1, 1}, {10, 11, 11}, {20, 21, 21}});
    }

    @Test
    void shrunkEachPixelIsTheMeanOfTheCellsItCoversSoALoneCellStillShows() {
        int opaqueBlue = 0xff0000ff;
        FittedLayout lone = new FittedLayout(new NumberedCells((x, y) -> x == 3 && y == 2 ? opaqueBlue : 0),
                NumberedCells.WIDE, NumberedCells.HIGH);
        lone.show(2, 1, 0, 0, 4, 3); // each pixel covers 2 x 3 cells
        int sixth = (255 + 3) / 6; // the lone cell's channels over six cells, rounded
        assertThat(shown(lone)).isEqualTo(new int[][] {{0, sixth << 24 | sixth}});
    }

    @Test
    void everyBlockSizeGivesEachChannelsRoundedMean() {
        // Four channels that differ cell to cell, so that the means round up in some and down in others.
        IntBinaryOperator colour = (x, y) -> (200 + 13 * x + 7 * y) << 24 | (x * 50 + y * 7) << 16 | (x * 3 + y * 60 + 1) << 8
                | (x + y * 100);
        FittedLayout blocks = new FittedLayout(new NumberedCells(colour), NumberedCells.WIDE, NumberedCells.HIGH);
        // Blocks of 2 x 2 cells (n a power of two), 2 x 3, 1 x 2 and 1 x 3 (one cell across).
        int[][] sizes = {{2, 1, 2, 2}, {2, 1, 2, 3}, {4, 1, 1, 2}, {4, 1, 1, 3}};
        for (int[] size : sizes) {
            int across = size[2];
            int down = size[3];
            blocks.show(size[0], size[1], 0, 0, size[0] * across, size[1] * down);
            int[][] rows = shown(blocks);
            for (int px = 0; px < size[0]; px++) {
                int expected = 0;
                for (int shift = 0; shift < 32; shift += 8) {
                    int sum = 0;
                    for (int y = 0; y < down; y++) {
                        for (int x = px * across; x < (px + 1) * across; x++) {
                            sum += colour.applyAsInt(x, y) >>> shift & 0xff;
                        }
                    }
                    int n = across * down;
                    expected |= (sum + n / 2) / n << shift;
                }
                assertThat(rows[0][px]).as("pixel %d of blocks %d x %d", px, across, down).isEqualTo(expected);
            }
        }
    }

    @Test
    void magnifiedAcrossAndShrunkDownEachPixelIsTheMeanOfTheColumnUnderItsCentre() {
        // Blue 30 * y + x: a column's three cells average 30 + x.
        FittedLayout column = new FittedLayout(new NumberedCells((x, y) -> 30 * y + x), NumberedCells.WIDE,
                NumberedCells.HIGH);
        column.show(8, 1, 0, 0, 4, 3);
        assertThat(shown(column)).isEqualTo(new int[][] {{30, 30, 31, 31, 32, 32, 33, 33}});
        column.show(4, 1, 2, 0, 2, 3); // the right half only
        assertThat(shown(column)).isEqualTo(new int[][] {{32, 32, 33, 33}});
    }

    @Test
    void aFieldColouredRowByRowDrawsWhatTheWholeFieldLaidOutFirstDraws() {
        // A field with empty cells (NaN, and 0 where zero is empty) and values over three orders of magnitude.
        int wide = 37;
        int high = 23;
        MemorySegment values = Arena.ofAuto().allocate(4L * wide * high, 64);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < wide * high; i++) {
            float v = i % 11 == 0 ? Float.NaN : i % 7 == 0 ? 0f : (float) Math.exp(random.nextGaussian() * 2);
            values.set(ValueLayout.JAVA_FLOAT, 4L * i, v);
        }
        double[][] views = {
            {60, 40, 0, 0, wide, high}, // magnified
            {20, 13, 0, 0, wide, high}, // shrunk
            {30, 30, 5.5, 3.2, 10, 8}, // a part, magnified
            {9, 5, 3, 2, 30, 19}, // a part, shrunk
            {80, 3, 0, 0, wide, high}, // magnified across, shrunk down
        };
        for (ValueScale scale : ValueScale.values()) {
            for (boolean bottomUp : new boolean[] {false, true}) {
                FieldStyle style = FieldStyle.auto(ColourMap.VIRIDIS, scale, scale != ValueScale.LINEAR);
                FieldLayout field = new FieldLayout(0, wide, high, bottomUp, style);
                FrameLayout wholeOnly = new FrameLayout() { // the same layout, seen as one that lays out whole frames only
                    @Override
                    public void layOut(MemorySegment computeFrame, MemorySegment slot) {
                        field.layOut(computeFrame, slot);
                    }

                    @Override
                    public long settingsVersion() {
                        return field.settingsVersion();
                    }
                };
                FittedLayout byRows = new FittedLayout(field, wide, high);
                FittedLayout whole = new FittedLayout(wholeOnly, wide, high);
                MemorySegment rowsSlot = Arena.ofAuto().allocate(LayoutFrame.slotBytes(4_800, 0), 64);
                MemorySegment wholeSlot = Arena.ofAuto().allocate(LayoutFrame.slotBytes(4_800, 0), 64);
                for (int v = -1; v < views.length; v++) {
                    if (v >= 0) {
                        double[] view = views[v];
                        byRows.show((int) view[0], (int) view[1], view[2], view[3], view[4], view[5]);
                        whole.show((int) view[0], (int) view[1], view[2], view[3], view[4], view[5]);
                    }
                    byRows.layOut(values, rowsSlot);
                    whole.layOut(values, wholeSlot);
                    long pixels = 4L * LayoutFrame.width(wholeSlot) * LayoutFrame.height(wholeSlot);
                    String which = scale + (bottomUp ? ", bottom up" : "") + ", view " + v;
                    assertThat(rowsSlot.asSlice(LayoutFrame.WIDTH, LayoutFrame.COMPUTE_HEADER - LayoutFrame.WIDTH).toArray(ValueLayout.JAVA_BYTE))
                            .as("header, %s", which)
                            .isEqualTo(wholeSlot.asSlice(LayoutFrame.WIDTH, LayoutFrame.COMPUTE_HEADER - LayoutFrame.WIDTH).toArray(ValueLayout.JAVA_BYTE));
                    int[] drawn = rowsSlot.asSlice(LayoutFrame.PIXELS, pixels).toArray(ValueLayout.JAVA_INT);
                    assertThat(drawn).as("pixels, %s", which)
                            .isEqualTo(wholeSlot.asSlice(LayoutFrame.PIXELS, pixels).toArray(ValueLayout.JAVA_INT));
                    assertThat(IntStream.of(drawn).distinct().count()).as("colours drawn, %s", which).isGreaterThan(2);
                }
            }
        }
    }

    @Test
    void aSizeLargerThanTheSlotHoldsIsShrunkToFitKeepingItsShape() {
        fitted.show(16, 12, 0, 0, 4, 3); // 192 pixels; the slot holds 64
        int[][] rows = shown();
        assertThat(rows.length * rows[0].length).isLessThanOrEqualTo(64);
        assertThat(rows[0].length / (double) rows.length).isCloseTo(4 / 3.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(rows[0][0]).isZero();
        assertThat(rows[rows.length - 1][rows[0].length - 1]).isEqualTo(23);
    }

    @Test
    void eachChangeOfSizeOrOfTheInnerLayoutsSettingsIsANewVersion() {
        long first = fitted.settingsVersion();
        fitted.show(8, 6, 0, 0, 4, 3);
        long second = fitted.settingsVersion();
        cells.version++;
        assertThat(second).isNotEqualTo(first);
        assertThat(fitted.settingsVersion()).isNotEqualTo(second);
    }

    @Test
    void refusesAnEmptySizeOrView() {
        assertThatThrownBy(() -> fitted.show(0, 6, 0, 0, 4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fitted.show(8, 6, 0, 0, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fitted.show(8, 6, 0, 0, 4, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
