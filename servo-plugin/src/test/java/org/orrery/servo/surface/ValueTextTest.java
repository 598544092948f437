package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void roundsToSignificantDigitsWithoutTrailingZeros() {
        assertThat(ValueText.of(0)).isEqualTo("0");
        assertThat(ValueText.of(0.30000000000000004)).isEqualTo("0.3");
        assertThat(ValueText.of(1234.5)).isEqualTo("1230");
        assertThat(ValueText.of(-42.25)).isEqualTo("-42.3");
        assertThat(ValueText.of(25050, 5)).isEqualTo("25050");
        assertThat(ValueText.of(1000)).isEqualTo("1000");
    }

    @Test
    void usesExponentsForTheVeryLargeAndVerySmall() {
        assertThat(ValueText.of(2.5e7)).isEqualTo("2.5e7");
        assertThat(ValueText.of(1.0e6)).isEqualTo("1e6");
        assertThat(ValueText.of(-3.14159e-5)).isEqualTo("-3.14e-5");
    }
}
