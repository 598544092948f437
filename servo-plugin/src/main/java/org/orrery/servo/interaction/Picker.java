package org.orrery.servo.interaction;

import javafx.geometry.Point2D;

/** Says what lies under the pointer in the frame on screen. FX thread. */
@FunctionalInterface
public interface Picker {

    /**
     * A short text for the frame pixel {@code at} (fractional frame coordinates, top row first),
     * or null if nothing is there or the frame has moved on.
     */
    String describe(Point2D at);
}
