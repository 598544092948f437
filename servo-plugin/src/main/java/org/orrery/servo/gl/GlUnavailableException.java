package org.orrery.servo.gl;

/** OpenGL cannot be used here: no EGL, no surfaceless platform, no suitable context. The message says which. */
public final class GlUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public GlUnavailableException(String message) {
        super(message);
    }

    public GlUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
