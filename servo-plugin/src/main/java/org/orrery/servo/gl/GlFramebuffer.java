package org.orrery.servo.gl;

import static org.lwjgl.opengl.GL30.*;

/** An offscreen colour (RGBA8) and depth (24-bit) target, remade when the frame size changes. */
final class GlFramebuffer implements AutoCloseable {

    private int framebuffer;
    private int colour;
    private int depth;
    private int width;
    private int height;

    /** Binds a target of {@code w} x {@code h}, making it first if the size changed. */
    void bind(int w, int h) {
        if (w != width || h != height) {
            close();
            framebuffer = glGenFramebuffers();
            colour = glGenRenderbuffers();
            depth = glGenRenderbuffers();
            glBindRenderbuffer(GL_RENDERBUFFER, colour);
            glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
            glBindRenderbuffer(GL_RENDERBUFFER, depth);
            glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, w, h);
            glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
            int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
            if (status != GL_FRAMEBUFFER_COMPLETE) {
                throw new IllegalStateException("GL framebuffer " + w + " x " + h + " incomplete: 0x" + Integer.toHexString(status));
            }
            width = w;
            height = h;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
        glViewport(0, 0, w, h);
    }

    @Override
    public void close() {
        if (framebuffer != 0) {
            glDeleteFramebuffers(framebuffer);
            glDeleteRenderbuffers(colour);
            glDeleteRenderbuffers(depth);
            framebuffer = 0;
            width = 0;
            height = 0;
        }
    }
}
