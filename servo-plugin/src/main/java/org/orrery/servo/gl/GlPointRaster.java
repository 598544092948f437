package org.orrery.servo.gl;

import static org.lwjgl.opengl.GL33.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;
import org.orrery.servo.points.PointsLayout;

/**
 * Draws projected points with OpenGL, offscreen, and reads the frame back into the slot's own
 * pixels, which the surface's PixelBuffer wraps: the GPU's only copy goes straight to where JavaFX
 * uploads from. The records in the slot are the vertex buffer (uploaded from the slot's memory,
 * no Java copy). Each point is a point sprite that keeps the same pixels as {@code PointRaster}'s
 * disc (whole-pixel centre, the same radius test in the fragment shader) with a depth test, so
 * both backends draw the same image.
 *
 * <p>The frame is read back {@link ReadBack#DIRECT directly} or {@link ReadBack#PIPELINED pipelined}.
 *
 * <p>The context is made by {@link #open} (or the first {@link #draw}) on the calling thread. It
 * follows the drawing thread: {@link #release} on one thread lets the next {@code draw} on another
 * take it (start-up measures the backend on one thread, the layout stage then draws on its own).
 * {@link #close} runs on the thread that drew last, or on any after a release.
 */
public final class GlPointRaster extends GlOffscreen implements FrameRaster {

    private static final String VERTEX = """
            #version 330 core
            layout(location = 0) in vec2 position;
            layout(location = 1) in float depth;
            layout(location = 2) in vec4 bgra;
            uniform vec2 size;
            uniform float pointSize;
            flat out vec4 colour;
            flat out vec2 centre;
            void main() {
                centre = floor(position);
                vec2 p = (centre + 0.5) / size * 2.0 - 1.0;
                // Nearer is smaller z; NaN (behind the eye) fails the test and goes outside the clip box.
                gl_Position = depth > 0.0 ? vec4(p, depth / (depth + 1.0) * 2.0 - 1.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
                gl_PointSize = pointSize;
                colour = bgra.zyxw;
            }
            """;
    private static final String FRAGMENT = """
            #version 330 core
            flat in vec4 colour;
            flat in vec2 centre;
            uniform float reach;
            out vec4 fragment;
            void main() {
                vec2 d = floor(gl_FragCoord.xy) - centre;
                if (dot(d, d) > reach) discard;
                fragment = colour;
            }
            """;

    private final PointsLayout layout;
    private final long itemsOffset;
    private int vertexArray;
    private int vertexBuffer;
    private int sizeUniform;
    private int pointSizeUniform;
    private int reachUniform;

    /** A raster that reads each frame straight back ({@link ReadBack#DIRECT}). */
    public GlPointRaster(PointsLayout layout) {
        this(layout, ReadBack.DIRECT);
    }

    public GlPointRaster(PointsLayout layout, ReadBack readBack) {
        super("OpenGL point raster", readBack, VERTEX, FRAGMENT);
        this.layout = layout;
        this.itemsOffset = layout.itemsOffset();
    }

    @Override
    void createObjects() {
        sizeUniform = program.uniform("size");
        pointSizeUniform = program.uniform("pointSize");
        reachUniform = program.uniform("reach");
        vertexArray = glGenVertexArrays();
        vertexBuffer = glGenBuffers();
        glBindVertexArray(vertexArray);
        glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer);
        int stride = (int) ProjectedItem.BYTES;
        glVertexAttribPointer(0, 2, GL_FLOAT, false, stride, ProjectedItem.X);
        glVertexAttribPointer(1, 1, GL_FLOAT, false, stride, ProjectedItem.DEPTH);
        glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, true, stride, ProjectedItem.COLOUR);
        glEnableVertexAttribArray(0);
        glEnableVertexAttribArray(1);
        glEnableVertexAttribArray(2);
        glEnable(GL_PROGRAM_POINT_SIZE);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        glClearColor(0, 0, 0, 0);
        glClearDepth(1);
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
    }

    @Override
    public void draw(MemorySegment slot) {
        beginFrame();
        int width = LayoutFrame.width(slot);
        int height = LayoutFrame.height(slot);
        int items = slot.get(ValueLayout.JAVA_INT, LayoutFrame.ITEMS);
        int radius = layout.style().radius();
        target.bind(width, height);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glUseProgram(program.id);
        glUniform2f(sizeUniform, width, height);
        glUniform1f(pointSizeUniform, 2 * radius + 1);
        glUniform1f(reachUniform, radius * radius + radius);
        glBindVertexArray(vertexArray);
        glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer);
        nglBufferData(GL_ARRAY_BUFFER, ProjectedItem.BYTES * items, slot.address() + itemsOffset, GL_STREAM_DRAW);
        glDrawArrays(GL_POINTS, 0, items);
        // Row 0 of the framebuffer is the frame's top row (the shader does not flip y).
        readBack.readInto(slot, width, height);
    }

    @Override
    void deleteObjects() {
        glDeleteBuffers(vertexBuffer);
        glDeleteVertexArrays(vertexArray);
    }
}
