package org.orrery.servo.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ColourMapTest {

    private static double[] lab(ColourMap map, int index) {
        return Oklab.fromRgb(map.pixel(index) & 0xFFFFFF);
    }

    @Test
    void oklabRoundTripsEverySrgbPrimaryAndGrey() {
        for (int rgb : new int[] {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0x808080, 0x3E4989}) {
            assertThat(Oklab.toRgb(Oklab.fromRgb(rgb))).as("%06X", rgb).isEqualTo(rgb);
        }
        assertThat(Oklab.fromRgb(0xFFFFFF)[0]).isCloseTo(1.0, within(1e-4)); // white is L = 1
    }

    @ParameterizedTest
    @EnumSource(ColourMap.class)
    void startsAndEndsOnItsStopsAndIsOpaque(ColourMap map) {
        int[] ends = switch (map) {
            case VIRIDIS -> new int[] {0x440154, 0xFDE725};
            case MAGMA -> new int[] {0x000004, 0xFCFDBF};
            case COOL_WARM -> new int[] {0x3B4CC0, 0xB40426};
        };
        assertThat(map.pixel(0)).isEqualTo(0xFF00_0000 | ends[0]);
        assertThat(map.pixel(ColourMap.SIZE - 1)).isEqualTo(0xFF00_0000 | ends[1]);
        for (int i = 0; i < ColourMap.SIZE; i++) {
            assertThat(map.pixel(i) >>> 24).isEqualTo(0xFF);
        }
    }

    /** Sequential maps must read as low-to-high in greyscale too: lightness never falls, and rises steadily. */
    @ParameterizedTest
    @EnumSource(value = ColourMap.class, names = {"VIRIDIS", "MAGMA"})
    void sequentialMapsGetLighterAllTheWay(ColourMap map) {
        assertThat(map.diverging()).isFalse();
        for (int i = 1; i < ColourMap.SIZE; i++) {
            assertThat(lab(map, i)[0]).as("%s at %d", map, i).isGreaterThanOrEqualTo(lab(map, i - 1)[0]);
            if (i >= 4) { // neighbours may round to one 8-bit colour; four apart never do
                assertThat(lab(map, i)[0]).as("%s at %d", map, i).isGreaterThan(lab(map, i - 4)[0]);
            }
        }
    }

    /** Equal steps in value are near-equal steps in perceived colour: no band where the map races or stalls. */
    @ParameterizedTest
    @EnumSource(ColourMap.class)
    void stepsAreNearlyEvenInPerceivedColour(ColourMap map) {
        double least = Double.MAX_VALUE;
        double most = 0;
        // 32 entries apart: far enough that rounding each colour to 8 bits moves the distance by
        // a few percent at most; near enough to see a band where the map races or stalls.
        for (int i = 32; i < ColourMap.SIZE; i += 32) {
            double step = Oklab.distance(lab(map, i - 32), lab(map, i));
            least = Math.min(least, step);
            most = Math.max(most, step);
        }
        assertThat(most / least).as("%s: steps from %.4f to %.4f", map, least, most).isLessThan(1.15);
    }

    @Test
    void coolWarmIsLightestAtItsCentreAndEvenlyDarkOnBothSides() {
        ColourMap map = ColourMap.COOL_WARM;
        assertThat(map.diverging()).isTrue();
        int last = ColourMap.SIZE - 1;
        for (int i = 0; i < ColourMap.SIZE / 2; i++) {
            double low = lab(map, i)[0];
            double high = lab(map, last - i)[0];
            if (i >= 4) { // lighter towards the centre from both ends
                assertThat(low).as("below the centre at %d", i).isGreaterThan(lab(map, i - 4)[0]);
                assertThat(high).as("above the centre at %d", last - i).isGreaterThan(lab(map, last - i + 4)[0]);
            }
            assertThat(low).as("lightness at %d and %d", i, last - i).isCloseTo(high, within(0.06));
        }
    }

    @Test
    void pixelAtClampsAndMapsNanToTheLowColour() {
        ColourMap map = ColourMap.VIRIDIS;
        assertThat(map.pixelAt(0)).isEqualTo(map.pixel(0));
        assertThat(map.pixelAt(1)).isEqualTo(map.pixel(ColourMap.SIZE - 1));
        assertThat(map.pixelAt(0.5)).isEqualTo(map.pixel(ColourMap.SIZE / 2));
        assertThat(map.pixelAt(-3)).isEqualTo(map.pixel(0));
        assertThat(map.pixelAt(7)).isEqualTo(map.pixel(ColourMap.SIZE - 1));
        assertThat(map.pixelAt(Double.NaN)).isEqualTo(map.pixel(0));
    }
}
