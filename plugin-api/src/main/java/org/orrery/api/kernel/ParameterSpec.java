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
}
