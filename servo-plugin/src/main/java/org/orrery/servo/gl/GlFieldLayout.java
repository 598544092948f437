package org.orrery.servo.gl;

import static org.lwjgl.opengl.GL33.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.orrery.servo.colour.ColourBarTicks;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldColouring;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.LayoutFrame;

/**
 * Lays out a grid kernel's frame with OpenGL: the grid is uploaded as a float texture (from the
 * compute slot's memory, no Java copy), a fragment shader colours each cell with the colour map
 * (or the bin colours of the log and equalised scales) exactly as {@link FieldColouring} does on
 * the CPU, and the frame is read back into the layout slot. The range, and the histogram of the
 * equalised scale, are still worked out on the CPU ({@link FieldColouring#prepare}): they need the
 * whole field before the first cell can be coloured.
 *
 * <p>Like {@code FieldLayout}, one pixel per cell; panning and zooming happen after it, in
 * {@code FittedLayout}. The GL context follows the layout thread as in {@link GlPointRaster}.
 */
public final class GlFieldLayout extends GlOffscreen implements FrameLayout {

    private static final String VERTEX = """
            #version 330 core
            void main() {
                // One triangle that covers the viewport.
                vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
                gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
            }
            """;
    private static final String FRAGMENT = """
            #version 330 core
            uniform sampler2D field;
            uniform sampler2D map;
            uniform sampler2D bins;
            uniform int linear;
            uniform float low;
            uniform float indexPerValue;
            uniform int flatIndex;
            uniform int topBin;
            uniform int zeroIsEmpty;
            uniform int rowZeroAtBottom;
            uniform int height;
            out vec4 fragment;
            const int ONE_BITS = %d;
            const int BIN_SHIFT = %d;
            void main() {
                ivec2 p = ivec2(gl_FragCoord.xy);
                int row = rowZeroAtBottom == 1 ? height - 1 - p.y : p.y;
                float v = texelFetch(field, ivec2(p.x, row), 0).r;
                if (isnan(v) || isinf(v) || (zeroIsEmpty == 1 && v == 0.0)) {
                    fragment = vec4(0.0);
                } else if (linear == 1) {
                    int index = clamp(flatIndex + int((v - low) * indexPerValue), 0, 255);
                    fragment = texelFetch(map, ivec2(index, 0), 0);
                } else {
                    float x = (v - low) + 1.0;
                    int bin = x >= 1.0 ? min((floatBitsToInt(x) - ONE_BITS) >> BIN_SHIFT, topBin) : 0;
                    fragment = texelFetch(bins, ivec2(bin & 255, bin >> 8), 0);
                }
            }
            """.formatted(Float.floatToRawIntBits(1f), FieldColouring.BIN_SHIFT);
    private static final int BIN_ROWS = FieldColouring.BINS / 256;

    private final long payloadOffset;
    private final int width;
    private final int height;
    private final boolean rowZeroAtBottom;
    private final FieldColouring colouring = new FieldColouring();
    private final ColourBarTicks ticks = new ColourBarTicks();
    private final AtomicLong version = new AtomicLong();
    private final MemorySegment binPixels = Arena.ofAuto().allocate(4L * FieldColouring.BINS, 64);
    private volatile FieldStyle style;
    private ColourMap uploadedMap;
    private int vertexArray;
    private int fieldTexture;
    private int mapTexture;
    private int binTexture;
    private int linearUniform;
    private int lowUniform;
    private int indexPerValueUniform;
    private int flatIndexUniform;
    private int topBinUniform;
    private int zeroIsEmptyUniform;

    public GlFieldLayout(long payloadOffset, int width, int height, boolean rowZeroAtBottom, FieldStyle style,
                         ReadBack readBack) {
        super("OpenGL field layout", readBack, VERTEX, FRAGMENT);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("grid must be at least 1 x 1, is " + width + " x " + height);
        }
        this.payloadOffset = payloadOffset;
        this.width = width;
        this.height = height;
        this.rowZeroAtBottom = rowZeroAtBottom;
        this.style = Objects.requireNonNull(style, "style");
    }

    @Override
    void createObjects() {
        vertexArray = glGenVertexArrays();
        fieldTexture = texture(GL_R32F, width, height);
        mapTexture = texture(GL_RGBA8, ColourMap.SIZE, 1);
        binTexture = texture(GL_RGBA8, 256, BIN_ROWS);
        glUseProgram(program.id);
        glUniform1i(program.uniform("field"), 0);
        glUniform1i(program.uniform("map"), 1);
        glUniform1i(program.uniform("bins"), 2);
        glUniform1i(program.uniform("rowZeroAtBottom"), rowZeroAtBottom ? 1 : 0);
        glUniform1i(program.uniform("height"), height);
        linearUniform = program.uniform("linear");
        lowUniform = program.uniform("low");
        indexPerValueUniform = program.uniform("indexPerValue");
        flatIndexUniform = program.uniform("flatIndex");
        topBinUniform = program.uniform("topBin");
        zeroIsEmptyUniform = program.uniform("zeroIsEmpty");
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        glDisable(GL_DEPTH_TEST);
    }

    private static int texture(int format, int w, int h) {
        int texture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexImage2D(GL_TEXTURE_2D, 0, format, w, h, 0, format == GL_R32F ? GL_RED : GL_BGRA,
                format == GL_R32F ? GL_FLOAT : GL_UNSIGNED_BYTE, 0L);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        return texture;
    }

    @Override
    public void layOut(MemorySegment computeFrame, MemorySegment slot) {
        beginFrame();
        FieldStyle current = style;
        colouring.prepare(current, computeFrame, payloadOffset, width * height);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, fieldTexture);
        nglTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RED, GL_FLOAT, computeFrame.address() + payloadOffset);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, mapTexture);
        if (current.map() != uploadedMap) {
            for (int i = 0; i < ColourMap.SIZE; i++) {
                binPixels.set(ValueLayout.JAVA_INT, 4L * i, current.map().pixel(i));
            }
            nglTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, ColourMap.SIZE, 1, GL_BGRA, GL_UNSIGNED_BYTE, binPixels.address());
            uploadedMap = current.map();
        }
        boolean linear = current.scale() == ValueScale.LINEAR;
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_2D, binTexture);
        if (!linear) {
            colouring.writeBinPixels(binPixels);
            int rows = colouring.topBin() / 256 + 1;
            nglTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 256, rows, GL_BGRA, GL_UNSIGNED_BYTE, binPixels.address());
        }
        glUseProgram(program.id);
        float indexPerValue = colouring.linearIndexPerValue();
        glUniform1i(linearUniform, linear ? 1 : 0);
        glUniform1f(lowUniform, colouring.low());
        glUniform1f(indexPerValueUniform, indexPerValue);
        glUniform1i(flatIndexUniform, indexPerValue > 0 ? 0 : ColourMap.SIZE / 2);
        glUniform1i(topBinUniform, colouring.topBin());
        glUniform1i(zeroIsEmptyUniform, current.zeroIsEmpty() ? 1 : 0);
        target.bind(width, height);
        glBindVertexArray(vertexArray);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        LayoutFrame.writeFrame(slot, width, height, 0, colouring, current.scale(), ticks);
        readBack.readInto(slot, width, height);
    }

    public FieldStyle style() {
        return style;
    }

    /** Changes the style from any thread; the next layout uses it. */
    public void setStyle(FieldStyle newStyle) {
        style = Objects.requireNonNull(newStyle, "style");
        version.incrementAndGet();
    }

    @Override
    public long settingsVersion() {
        return version.get();
    }

    @Override
    void deleteObjects() {
        glDeleteTextures(fieldTexture);
        glDeleteTextures(mapTexture);
        glDeleteTextures(binTexture);
        glDeleteVertexArrays(vertexArray);
    }
}
