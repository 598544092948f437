package org.orrery.servo.colour;

/**
 * Chooses the ticks of a colour bar for the range and scale of the last field a
 * {@link FieldColouring} coloured: round values spaced 1, 2 or 5 times a power of ten on a linear
 * scale, powers of ten of {@code 1 + excess} on a log scale, and the quartiles on an equalised one
 * (where position is a share of cells, so quartiles are what an analyst reads off it).
 *
 * <p>One instance per thread; it allocates nothing.
 */
public final class ColourBarTicks {

    /** The most ticks a bar gets. */
    public static final int MAX_TICKS = 8;

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
                double step = roundStep((high - low) / 4);
                for (double v = Math.ceil(low / step) * step; v <= high + step * 1e-9 && count < MAX_TICKS; v += step) {
                    add(colouring, Math.abs(v) < step * 1e-9 ? 0 : v);
                }
            }
            case LOG -> {
                double decades = Math.log10(1 + high - low);
                int every = decades > MAX_TICKS - 1 ? (int) Math.ceil(decades / (MAX_TICKS - 1)) : 1;
                boolean fine = decades < 2;
                for (int k = 0; k <= decades + 1e-9 && count < MAX_TICKS; k += every) {
                    double decade = Math.pow(10, k);
                    add(colouring, low + decade - 1);
                    if (fine) {
                        addIfBelow(colouring, low + 2 * decade - 1, high);
                        addIfBelow(colouring, low + 5 * decade - 1, high);
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

    private void addIfBelow(FieldColouring colouring, double value, double high) {
        if (value <= high && count < MAX_TICKS) {
            add(colouring, value);
        }
    }

    private void add(FieldColouring colouring, double value) {
        positions[count] = colouring.positionOf(value);
        values[count] = value;
        count++;
    }

    /** 1, 2 or 5 times a power of ten, the smallest of them at least {@code rough}. */
    static double roundStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / decade;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * decade;
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
