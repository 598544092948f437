package org.orrery.servo.gl;

/**
 * An {@link EglContext} that follows the thread drawing with it: made on the first
 * {@link #open}, made current on whichever thread calls {@link #makeCurrentHere} next after a
 * {@link #release} on the thread that had it. Start-up measures a backend on one thread; the
 * layout stage then draws on its own.
 */
final class GlSession implements AutoCloseable {

    private EglContext context;
    private Thread current;

    /** Makes the context, current on the calling thread; false if it was made before. */
    boolean open() throws GlUnavailableException {
        if (context != null) {
            return false;
        }
        context = EglContext.createSurfaceless();
        current = Thread.currentThread();
        return true;
    }

    boolean isOpen() {
        return context != null;
    }

    /** Makes the context current on the calling thread if it is not. Allocates nothing when it already is. */
    void makeCurrentHere() {
        if (current != Thread.currentThread()) {
            context.makeCurrent();
            current = Thread.currentThread();
        }
    }

    /** Lets go of the context on this thread, for another to take. */
    void release() {
        if (context != null && current == Thread.currentThread()) {
            context.release();
            current = null;
        }
    }

    String renderer() {
        return context == null ? "not open" : context.renderer();
    }

    /** Destroys the context; the caller deletes its GL objects first, with the context current. */
    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
            current = null;
        }
    }
}
