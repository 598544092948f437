package org.orrery.servo.layout;

/**
 * One item of a point view as the layout stage projects it, {@value #BYTES} bytes in the layout
 * slot: where it lands on the surface, how far it is from the eye, and its colour.
 * <pre>
 *  0  float  x, surface pixels from the left
 *  4  float  y, surface pixels from the top
 *  8  float  depth along the view direction; NaN if the item is behind the eye (not drawn)
 * 12  int    colour, INT_ARGB_PRE
 * </pre>
 */
public final class ProjectedItem {

    public static final long BYTES = 16;
    public static final long X = 0;
    public static final long Y = 4;
    public static final long DEPTH = 8;
    public static final long COLOUR = 12;

    private ProjectedItem() {
    }
}
