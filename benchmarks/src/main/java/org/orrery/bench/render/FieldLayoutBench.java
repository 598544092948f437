package org.orrery.bench.render;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FittedLayout;
import org.orrery.servo.layout.LayoutFrame;

/**
 * One frame of a 1024 x 1024 field's layout on the CPU, as heat's runs lay it out: coloured and
 * resampled to the pixels it is shown in. {@code whole}: the field in 720 x 720 pixels (shrunk,
 * what `orrery run` shows offscreen at 1280 x 720); {@code zoomed}: a sixteenth of it (256 x 256
 * cells) magnified into the same pixels; {@code actualSize}: the whole field, a pixel a cell, through
 * the resample. {@code cellsOnly} is the colouring alone, one pixel a cell, straight into the slot.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class FieldLayoutBench {

    private static final int CELLS = 1024;
    private static final int PIXELS = 720;

    @Param({"linear", "log"})
    public String scale;

    private Arena arena;
    private MemorySegment computeFrame;
    private MemorySegment slot;
    private FieldLayout cells;
    private FittedLayout whole;
    private FittedLayout zoomed;
    private FittedLayout actualSize;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        computeFrame = arena.allocate(4L * CELLS * CELLS, 64);
        BenchFrames.logNormalField(computeFrame, CELLS * CELLS);
        slot = arena.allocate(LayoutFrame.slotBytes((long) CELLS * CELLS, 0), 64);
        FieldStyle style = FieldStyle.auto(ColourMap.MAGMA, ValueScale.valueOf(scale.toUpperCase(java.util.Locale.ROOT)), false);
        cells = new FieldLayout(0, CELLS, CELLS, false, style);
        whole = new FittedLayout(new FieldLayout(0, CELLS, CELLS, false, style), CELLS, CELLS);
        whole.show(PIXELS, PIXELS, 0, 0, CELLS, CELLS);
        zoomed = new FittedLayout(new FieldLayout(0, CELLS, CELLS, false, style), CELLS, CELLS);
        zoomed.show(PIXELS, PIXELS, 384, 384, 256, 256);
        actualSize = new FittedLayout(new FieldLayout(0, CELLS, CELLS, false, style), CELLS, CELLS);
        actualSize.show(CELLS, CELLS, 0, 0, CELLS, CELLS);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment cellsOnly() {
        cells.layOut(computeFrame, slot);
        return slot;
    }

    @Benchmark
    public MemorySegment whole() {
        whole.layOut(computeFrame, slot);
        return slot;
    }

    @Benchmark
    public MemorySegment actualSize() {
        actualSize.layOut(computeFrame, slot);
        return slot;
    }

    @Benchmark
    public MemorySegment zoomed() {
        zoomed.layOut(computeFrame, slot);
        return slot;
    }
}
