package org.orrery.servo.colour;

/**
 * A colour map for grids: {@value #SIZE} opaque colours, low values first, as JavaFX's
 * {@code INT_ARGB_PRE} pixels (opaque, so premultiplied and straight are the same).
 *
 * <p>Each map is given by colours at stops along a path, filled in between by interpolating in
 * Oklab, and its entries are spaced evenly along that path. The stops of viridis and magma are
 * those of the published matplotlib maps, which
 * were designed to be perceptually uniform and to read in greyscale and for the colour-blind.
 * Cool-warm is a diverging map for values around a centre (a temperature around its start,
 * a difference): blue below, light grey at the centre, red above.
 */
public enum ColourMap {
    VIRIDIS("viridis", false,
            0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725),
    MAGMA("magma", false,
            0x000004, 0x180F3D, 0x440F76, 0x721F81, 0x9E2F7F, 0xCD4071, 0xF1605D, 0xFD9668, 0xFEC98D, 0xFCFDBF),
    COOL_WARM("cool-warm", true, 0x3B4CC0, 0xDDDDDD, 0xB40426);

    /** Colours in a map. */
    public static final int SIZE = 256;
    private static final int OPAQUE = 0xFF00_0000;

    private final String label;
    private final boolean diverging;
    private final int[] pixels = new int[SIZE];

    ColourMap(String label, boolean diverging, int... stops) {
        this.label = label;
        this.diverging = diverging;
        double[][] lab = new double[stops.length][];
        double[] reach = new double[stops.length]; // distance along the path to each stop
        for (int i = 0; i < stops.length; i++) {
            lab[i] = Oklab.fromRgb(stops[i]);
            reach[i] = i == 0 ? 0 : reach[i - 1] + Oklab.distance(lab[i - 1], lab[i]);
        }
        // Entries are evenly spaced along the path through Oklab, not evenly between the stops:
        // equal steps in value are then equal steps in perceived colour even where the stops
        // themselves are unevenly spaced in Oklab (they were placed evenly in another space).
        int segment = 0;
        for (int i = 0; i < SIZE; i++) {
            double target = reach[stops.length - 1] * i / (SIZE - 1);
            while (segment < stops.length - 2 && reach[segment + 1] < target) {
                segment++;
            }
            double t = (target - reach[segment]) / (reach[segment + 1] - reach[segment]);
            double[] from = lab[segment];
            double[] to = lab[segment + 1];
            double[] mixed = {
                from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t,
            };
            pixels[i] = OPAQUE | Oklab.toRgb(mixed);
        }
    }

    /** The name users see and settings store. */
    public String label() {
        return label;
    }

    /** Whether the map is for values around a centre, rather than from low to high. */
    public boolean diverging() {
        return diverging;
    }

    /** Colour {@code index}, 0 to {@value #SIZE} - 1. */
    public int pixel(int index) {
        return pixels[index];
    }

    /**
     * The colour for {@code t} from 0 (low) to 1 (high), clamped; NaN gives the low colour (the
     * layout stage shows missing values in a colour of its own before it asks). Allocates nothing.
     */
    public int pixelAt(double t) {
        int index = (int) (t * SIZE);
        return pixels[index < 0 ? 0 : Math.min(index, SIZE - 1)];
    }
}
