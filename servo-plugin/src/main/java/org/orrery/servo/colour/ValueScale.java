package org.orrery.servo.colour;

/**
 * How a value between the low and high ends of a range becomes a position {@code t} from 0 to 1
 * on a colour map. Many fields are heavy-tailed (a few dense cells, one hot spot): a linear scale
 * shows those cells and little else, a log scale shows the structure, and equalisation spreads
 * the cells evenly over the map.
 */
public enum ValueScale {
    /** {@code t = (v - low) / (high - low)}. */
    LINEAR("linear"),
    /**
     * {@code t = ln(1 + v - low) / ln(1 + high - low)}: a log of the excess over the low end, so
     * that it is defined for any range, zero and negative values included. For counts whose low
     * end is 0 it is the familiar {@code log(1 + count)}.
     */
    LOG("log"),
    /**
     * {@code t} is the share of the field's cells with a smaller value (the midpoint of the value's
     * bin in the cumulative histogram), so each colour covers about as many cells as any other.
     */
    EQUALISED("equalised");

    private final String label;

    ValueScale(String label) {
        this.label = label;
    }

    /** The name users see and settings store. */
    public String label() {
        return label;
    }
}
