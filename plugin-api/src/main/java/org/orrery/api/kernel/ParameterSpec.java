package org.orrery.api.kernel;

import java.util.List;

/**
 * One parameter of a kernel, as its descriptor declares it. For {@link ParameterType#CHOICE},
 * {@code min} is 0, {@code max} the last option's index and {@code defaultValue} an index.
 *
 * @param unit shown after the value, for example {@code "m/s"}; may be empty
 * @param label shown to the user; defaults to the name
 * @param choices the option names of a CHOICE parameter; empty otherwise
 */
public record ParameterSpec(String name, ParameterType type, double min, double max, double defaultValue,
                            String unit, String label, List<String> choices) {

    public ParameterSpec {
        choices = List.copyOf(choices);
    }

    /** Whether {@code value} is one this parameter accepts. */
    public boolean accepts(double value) {
        if (Double.isNaN(value) || value < min || value > max) {
            return false;
        }
        return type == ParameterType.REAL || value == Math.rint(value);
    }

    /**
     * What the parameter takes, in words, for messages about a refused value: "a number from 0 to
     * 10", "a whole number from 1 to 64", "one of disc, sphere, clusters".
     */
    public String range() {
        return switch (type) {
            case REAL -> "a number from " + plain(min) + " to " + plain(max);
            case INTEGER -> "a whole number from " + plain(min) + " to " + plain(max);
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    /** A bound as a person writes it: 10 rather than 10.0. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
