package org.orrery.servo.gl;

/** What every OpenGL layout or raster can be asked, so that start-up can try them and hand one on. */
interface GlBackend extends AutoCloseable {

    /** Makes the context and GL objects on the calling thread. */
    void open() throws GlUnavailableException;

    /**
     * Lets go of the context on this thread, for another thread to draw with; a pipelined
     * read-back drops the frame in flight, so the next frame drawn is the next shown.
     */
    void release();

    /** Deletes the GL objects and the context. */
    @Override
    void close();
}
