package org.orrery.servo.points;

import java.util.Objects;
import org.orrery.servo.colour.FieldStyle;

/**
 * How points are drawn.
 *
 * @param colourBy what colours a point: its speed, or the value of one lane of its item
 * @param colourLane the lane when {@code colourBy} is {@link ColourBy#LANE}, else ignored
 * @param colours how those values become colours
 * @param radius the radius of a point's disc in pixels, 0 for single pixels
 */
public record PointStyle(ColourBy colourBy, int colourLane, FieldStyle colours, int radius) {

    /** What a point's colour shows. */
    public enum ColourBy { SPEED, LANE }

    /** The most pixels a point's radius may have. */
    public static final int MAX_RADIUS = 8;

    public PointStyle {
        Objects.requireNonNull(colourBy, "colourBy");
        Objects.requireNonNull(colours, "colours");
        if (radius < 0 || radius > MAX_RADIUS) {
            throw new IllegalArgumentException("point radius must be 0 to " + MAX_RADIUS + " pixels, is " + radius);
        }
    }
}
