package org.orrery.servo.gl;

import static org.lwjgl.opengl.GL30.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.lwjgl.system.MemoryUtil;
import org.orrery.servo.layout.LayoutFrame;

/**
 * Reads the bound framebuffer's pixels into a layout slot, {@link ReadBack#DIRECT} or
 * {@link ReadBack#PIPELINED} (two pixel buffer objects, taking turns). Rows come out top row
 * first when the drawing put the frame's top row at the framebuffer's row 0; BGRA bytes are
 * {@code INT_ARGB_PRE} ints on a little-endian machine. GL thread only; allocates nothing per frame.
 */
final class GlReadBack implements AutoCloseable {

    private final ReadBack mode;
    private final int[] buffers = new int[2];
    private final long[] bufferBytes = new long[2];
    /** The header of the frame each buffer holds. */
    private final MemorySegment[] headers = new MemorySegment[2];
    /** The buffer holding the last frame, still to be shown; -1 if none. */
    private int pending = -1;
    private final MemorySegment bound = Arena.ofAuto().allocate(ValueLayout.JAVA_INT);

    GlReadBack(ReadBack mode) {
        this.mode = mode;
        if (mode == ReadBack.PIPELINED) {
            glGenBuffers(buffers);
            Arena arena = Arena.ofAuto();
            headers[0] = arena.allocate(LayoutFrame.HEADER_BYTES);
            headers[1] = arena.allocate(LayoutFrame.HEADER_BYTES);
        }
    }

    /** Puts a {@code width} x {@code height} frame, just drawn, (or, pipelined, the one before it) into {@code slot}. */
    void readInto(MemorySegment slot, int width, int height) {
        long pixels = slot.address() + LayoutFrame.PIXELS;
        if (mode == ReadBack.DIRECT) {
            nglReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_BYTE, pixels);
            return;
        }
        int next = pending == 0 ? 1 : 0;
        long bytes = 4L * width * height;
        glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers[next]);
        nglGetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, bound.address()); // (glGetInteger would allocate a buffer)
        if (bound.get(ValueLayout.JAVA_INT, 0) != buffers[next] || buffers[next] == 0) {
            // Reading with no pixel buffer bound would write to address 0: refuse instead.
            throw new IllegalStateException("pixel buffer " + buffers[next] + " could not be bound: GL error 0x"
                    + Integer.toHexString(glGetError()));
        }
        if (bufferBytes[next] < bytes) {
            glBufferData(GL_PIXEL_PACK_BUFFER, bytes, GL_STREAM_READ); // only when the frame grows
            bufferBytes[next] = bytes;
        }
        nglReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_BYTE, 0L); // starts the transfer, returns
        MemorySegment.copy(slot, 0, headers[next], 0, LayoutFrame.HEADER_BYTES);
        if (pending < 0) {
            // Nothing in flight before this frame: show it now, waiting once, and keep it in flight
            // too, so that from the next frame on each slot gets the frame before it.
            glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
            nglReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_BYTE, pixels);
        } else {
            MemorySegment header = headers[pending];
            long previousBytes = 4L * LayoutFrame.width(header) * LayoutFrame.height(header);
            glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers[pending]);
            long mapped = nglMapBufferRange(GL_PIXEL_PACK_BUFFER, 0, previousBytes, GL_MAP_READ_BIT);
            MemoryUtil.memCopy(mapped, pixels, previousBytes);
            glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
            glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
            MemorySegment.copy(header, 0, slot, 0, LayoutFrame.HEADER_BYTES);
        }
        pending = next;
    }

    /**
     * Forgets the frame in flight: the next frame is shown at once. For a backend handed on after
     * start-up's trial, whose last trial frame must not reach the screen.
     */
    void discardPending() {
        pending = -1;
    }

    @Override
    public void close() {
        if (mode == ReadBack.PIPELINED) {
            glDeleteBuffers(buffers);
        }
    }
}
