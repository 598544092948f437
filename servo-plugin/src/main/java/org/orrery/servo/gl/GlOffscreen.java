package org.orrery.servo.gl;

/**
 * What every OpenGL layout or raster has: its {@link GlSession}, a shader program, an offscreen
 * framebuffer and a read-back into the layout slot; opened on first use, handed between threads
 * with {@link #release}, and closed in one order. Start-up tries them through this class and hands
 * one on.
 */
abstract class GlOffscreen implements AutoCloseable {

    private final GlSession session = new GlSession();
    private final String what;
    private final ReadBack readBackMode;
    private final String vertexShader;
    private final String fragmentShader;
    GlProgram program;
    GlFramebuffer target;
    GlReadBack readBack;

    /**
     * @param what what this is, for error messages (for example "OpenGL point raster")
     */
    GlOffscreen(String what, ReadBack readBackMode, String vertexShader, String fragmentShader) {
        this.what = what;
        this.readBackMode = java.util.Objects.requireNonNull(readBackMode, "readBack");
        this.vertexShader = vertexShader;
        this.fragmentShader = fragmentShader;
    }

    /** Makes the context and GL objects on the calling thread, if not made yet. */
    public final void open() throws GlUnavailableException {
        if (!session.open()) {
            return;
        }
        program = new GlProgram(vertexShader, fragmentShader);
        target = new GlFramebuffer();
        readBack = new GlReadBack(readBackMode);
        createObjects();
    }

    /** Makes this backend's own GL objects and state; the context is current. */
    abstract void createObjects();

    /** Deletes this backend's own GL objects; the context is current and its work finished. */
    abstract void deleteObjects();

    /** Opens if not yet open, and makes the context current here: the start of every frame. */
    final void beginFrame() {
        if (!session.isOpen()) {
            try {
                open();
            } catch (GlUnavailableException e) {
                throw new IllegalStateException(what + ": " + e.getMessage(), e);
            }
        }
        session.makeCurrentHere();
    }

    /**
     * Lets go of the context on this thread, for another thread to draw with; a pipelined
     * read-back drops the frame in flight, so that a frame drawn before the hand-over (start-up's
     * trial) is not shown after it.
     */
    public final void release() {
        if (readBack != null) {
            readBack.discardPending();
        }
        session.release();
    }

    /** The GL renderer's name, once open. */
    public final String renderer() {
        return session.renderer();
    }

    /** Deletes the GL objects and the context. On the thread that drew last, or any after a release. */
    @Override
    public final void close() {
        if (session.isOpen()) {
            session.finish();
            deleteObjects();
            readBack.close();
            target.close();
            program.close();
            session.close();
        }
    }
}
