package org.orrery.servo.gl;

/**
 * An {@link EglContext} that follows the thread drawing with it: made on the first
 * {@link #open}, made current on whichever thread calls {@link #makeCurrentHere} next after a
 * {@link #release} on the thread that had it. Start-up measures a backend on one thread; the
 * layout stage then draws on its own. Several sessions may share a thread (start-up tries more
 * than one backend): each call makes its own context current first.
 */
final class GlSession implements AutoCloseable {

    private EglContext context;

    /** Makes the context, current on the calling thread; false if it was made before. */
    boolean open() throws GlUnavailableException {
        if (context != null) {
            return false;
        }
        context = EglContext.createHeadless();
        return true;
    }

    boolean isOpen() {
        return context != null;
    }

    /** Makes the context current on the calling thread if it is not. Allocates nothing when it already is. */
    void makeCurrentHere() {
        if (!context.isCurrent()) {
            context.makeCurrent();
        }
    }

    /** Lets go of the context on this thread, for another to take. */
    void release() {
        if (context != null && context.isCurrent()) {
            context.release();
        }
    }

    /**
     * Makes the context current here and waits for all its GL work, transfers included. Before
     * deleting objects: a driver may still be copying a pipelined read-back on a thread of its own
     * (NVIDIA's crashed when the context went away under such a copy).
     */
    void finish() {
        makeCurrentHere();
        org.lwjgl.opengl.GL11.glFinish();
    }

    String renderer() {
        return context == null ? "not open" : context.renderer();
    }

    /** Destroys the context; the caller deletes its GL objects first, with the context current. */
    @Override
    public void close() {
        if (context != null) {
            makeCurrentHere();
            context.close();
            context = null;
        }
    }
}
