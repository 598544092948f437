package org.orrery.servo.colour;

import java.util.Objects;

/**
 * How a field of values is coloured.
 *
 * @param map the colour map
 * @param scale how values are placed on the map
 * @param low the value at the map's low end, or NaN to take the field's smallest each frame
 * @param high the value at the map's high end, or NaN to take the field's largest each frame
 * @param zeroIsEmpty whether cells holding exactly 0 are empty (a density grid's cells with no
 *     points): they are drawn transparent, and left out of the range and of equalisation
 */
public record FieldStyle(ColourMap map, ValueScale scale, float low, float high, boolean zeroIsEmpty) {

    public FieldStyle {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(scale, "scale");
        if (!Float.isNaN(low) && !Float.isNaN(high) && !(low < high)) {
            throw new IllegalArgumentException("colour range low " + low + " must be below high " + high);
        }
        if (Float.isInfinite(low) || Float.isInfinite(high)) {
            throw new IllegalArgumentException("colour range must be finite: " + low + " to " + high);
        }
    }

    /** A style whose range follows the field, frame by frame. */
    public static FieldStyle auto(ColourMap map, ValueScale scale, boolean zeroIsEmpty) {
        return new FieldStyle(map, scale, Float.NaN, Float.NaN, zeroIsEmpty);
    }

    /** The same style with another scale. */
    public FieldStyle withScale(ValueScale newScale) {
        return new FieldStyle(map, newScale, low, high, zeroIsEmpty);
    }

    /** The same style with another map. */
    public FieldStyle withMap(ColourMap newMap) {
        return new FieldStyle(newMap, scale, low, high, zeroIsEmpty);
    }
}
