package org.orrery.servo.layout;

import java.lang.foreign.MemorySegment;

/**
 * A field's layout that colours its cells a row at a time as well as whole, so that
 * {@link FittedLayout} colours only the cells it shows, straight into the rows it resamples,
 * rather than the whole field into a frame of its own that it then reads back.
 */
public interface RowLayout extends FrameLayout {

    /**
     * Works out what colouring {@code computeFrame} needs (its colour range) and writes the
     * frame's header to {@code slot}: one pixel per cell, the colour range and ticks. Layout
     * thread only; must not allocate.
     */
    void prepare(MemorySegment computeFrame, MemorySegment slot);

    /**
     * Colours cells {@code from} to {@code to - 1} of row {@code y} (0 the top row as shown) of
     * the frame last {@linkplain #prepare prepared}, into pixels at {@code pixels}, cell
     * {@code from}'s at byte {@code offset}. Layout thread only; must not allocate.
     */
    void colourRow(MemorySegment computeFrame, int y, int from, int to, MemorySegment pixels, long offset);
}
