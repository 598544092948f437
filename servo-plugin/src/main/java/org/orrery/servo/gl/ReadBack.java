package org.orrery.servo.gl;

/** How an OpenGL frame gets into the layout slot's pixels. */
public enum ReadBack {
    /**
     * The frame is read straight into the slot when drawn: the layout thread waits for the GPU to
     * finish it. With a software renderer there is nothing to wait for.
     */
    DIRECT,
    /**
     * The frame is read into a pixel buffer object, without waiting; the slot gets the frame
     * before it, whose transfer finished meanwhile (pixels and header both, so the colour bar and
     * the picture agree). A frame of delay, one memory copy, and no wait for the GPU.
     */
    PIPELINED
}
