package org.orrery.servo.colour;

/**
 * Björn Ottosson's Oklab colour space, where equal distances look like equal differences in
 * colour. Colour maps are interpolated here rather than in sRGB, so that a map whose stops are
 * evenly spaced in perception stays so between its stops.
 */
final class Oklab {

    private Oklab() {}

    /** {@code rgb} (0xRRGGBB, sRGB) as {L, a, b}. */
    static double[] fromRgb(int rgb) {
        double r = linear((rgb >> 16) & 0xFF);
        double g = linear((rgb >> 8) & 0xFF);
        double b = linear(rgb & 0xFF);
        double l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
        double m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
        double s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
        return new double[] {
            0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s,
        };
    }

    /** {L, a, b} as 0xRRGGBB, each channel rounded and clipped to sRGB. */
    static int toRgb(double[] lab) {
        double l = cube(lab[0] + 0.3963377774 * lab[1] + 0.2158037573 * lab[2]);
        double m = cube(lab[0] - 0.1055613458 * lab[1] - 0.0638541728 * lab[2]);
        double s = cube(lab[0] - 0.0894841775 * lab[1] - 1.2914855480 * lab[2]);
        int r = channel(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
        int g = channel(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
        int b = channel(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
        return r << 16 | g << 8 | b;
    }

    /** The Euclidean distance between two Oklab colours. */
    static double distance(double[] p, double[] q) {
        return Math.sqrt(square(p[0] - q[0]) + square(p[1] - q[1]) + square(p[2] - q[2]));
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int channel(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.min(1, Math.max(0, c)) * 255);
    }

    private static double cube(double v) {
        return v * v * v;
    }

    private static double square(double v) {
        return v * v;
    }
}
