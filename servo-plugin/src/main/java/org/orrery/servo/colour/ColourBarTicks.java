package org.orrery.servo.colour;

/**
 * Chooses the ticks of a colour bar for the range and scale of the last field a
 * {@link FieldColouring} coloured: round values spaced 1, 2 or 5 times a power of ten on a linear
 * scale, the low end and the powers of ten inside the range on a log scale, and the quartiles on an equalised one
 * (where position is a share of cells, so quartiles are what an analyst reads off it).
 *
 * <p>One instance per thread; it allocates nothing.
 */
public final class ColourBarTicks {

    /** The most ticks a bar gets. */
    public static final int MAX_TICKS = 8;
    /** The least distance between ticks, as a share of the bar's length. */
    static final double MIN_GAP = 0.06;

    private final double[] positions = new double[MAX_TICKS];
    private final double[] values = new double[MAX_TICKS];
    private int count;

    /** Chooses ticks for the last field {@code colouring} coloured; returns how many. */
    public int choose(FieldColouring colouring, ValueScale scale) {
        count = 0;
        double low = colouring.low();
        double high = colouring.high();
        if (!(high > low)) {
            add(colouring, low);
            return count;
        }
        switch (scale) {
            case LINEAR -> {
                double step = roundStep((high - low) / 5);
                for (double v = Math.ceil(low / step) * step; v <= high + step * 1e-9 && count < MAX_TICKS; v += step) {
                    add(colouring, Math.abs(v) < step * 1e-9 ? 0 : v);
                }
            }
            case LOG -> {
                add(colouring, low);
                if (high > 0) {
                    // Powers of ten inside the range (and 2 and 5 times them when there are few).
                    int first = (int) Math.floor(Math.log10(Math.max(low + 1, 1e-3)));
                    int last = (int) Math.floor(Math.log10(high));
                    int decades = last - first + 1;
                    int every = Math.max(1, (int) Math.ceil(decades / (double) (MAX_TICKS - 1)));
                    boolean fine = decades <= 2;
                    for (int k = first; k <= last; k += every) {
                        double decade = Math.pow(10, k);
                        addInside(colouring, decade, low, high);
                        if (fine) {
                            addInside(colouring, 2 * decade, low, high);
                            addInside(colouring, 5 * decade, low, high);
                        }
                    }
                }
            }
            case EQUALISED -> {
                for (int q = 0; q <= 4; q++) {
                    add(colouring, colouring.valueAt(q / 4.0));
                }
            }
        }
        return count;
    }

    private void addInside(FieldColouring colouring, double value, double low, double high) {
        if (value > low && value <= high && count < MAX_TICKS) {
            add(colouring, value);
        }
    }

    private void add(FieldColouring colouring, double value) {
        double position = colouring.positionOf(value);
        if (count > 0 && position - positions[count - 1] < MIN_GAP) {
            return; // too close to the last tick for both labels to be read
        }
        positions[count] = position;
        values[count] = value;
        count++;
    }

    /** 1, 2 or 5 times a power of ten, whichever is nearest {@code rough} on a log scale. */
    static double roundStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / decade;
        // The cuts are the geometric means of neighbouring steps: sqrt(2), sqrt(10), sqrt(50).
        return (m < 1.414 ? 1 : m < 3.162 ? 2 : m < 7.071 ? 5 : 10) * decade;
    }

    public int count() {
        return count;
    }

    /** Tick {@code i}'s position along the bar, 0 (low end) to 1. */
    public double position(int i) {
        return positions[i];
    }

    /** Tick {@code i}'s value. */
    public double value(int i) {
        return values[i];
    }
}
