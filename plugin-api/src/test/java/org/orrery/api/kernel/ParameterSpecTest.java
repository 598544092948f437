package org.orrery.api.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {

    @Test
    void itsRangeInWordsForEachType() {
        assertThat(new ParameterSpec("gravity", ParameterType.REAL, 0, 10, 1, "G", "Gravity", List.of()).range())
                .isEqualTo("a number from 0 to 10");
        assertThat(new ParameterSpec("softening", ParameterType.REAL, 0.001, 1, 0.05, "", "Softening", List.of()).range())
                .isEqualTo("a number from 0.001 to 1");
        assertThat(new ParameterSpec("seed", ParameterType.INTEGER, 0, 2147483647, 42, "", "Seed", List.of()).range())
                .isEqualTo("a whole number from 0 to 2147483647");
        assertThat(new ParameterSpec("start", ParameterType.CHOICE, 0, 2, 0, "", "Start", List.of("disc", "sphere", "clusters"))
                .range()).isEqualTo("one of disc, sphere, clusters");
    }
}
