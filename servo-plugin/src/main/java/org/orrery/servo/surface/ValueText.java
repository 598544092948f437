package org.orrery.servo.surface;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as a colour bar or a readout shows them: a few significant digits, no noise. */
public final class ValueText {

    private ValueText() {
    }

    /** {@code value} in at most three significant digits, as a tick shows it. */
    public static String of(double value) {
        return of(value, 3);
    }

    /** {@code value} in at most {@code digits} significant digits, in plain notation from 0.001 to 99,999. */
    public static String of(double value, int digits) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e5 || magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value).replaceAll("\\.?0*e", "e").replace("e+0", "e")
                    .replace("e+", "e").replace("e-0", "e-");
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
