package org.orrery.memory.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenIndexTest {

    @Test
    void packsIndexAndGenerationAsUnsigned32BitValues() {
        long handle = GenIndex.of(-1, -2);
        assertThat(GenIndex.index(handle)).isEqualTo(-1);
        assertThat(Integer.toUnsignedLong(GenIndex.generation(handle))).isEqualTo(0xFFFF_FFFEL);
        assertThat(GenIndex.of(3, 9)).isEqualTo((3L << 32) | 9);
        assertThat(GenIndex.toString(GenIndex.of(2, -1))).isEqualTo("#2@4294967295");
    }

    @Test
    void nextGenerationSkipsZeroOnWrapAround() {
        assertThat(GenIndex.next(0)).isEqualTo(1);
        assertThat(GenIndex.next(41)).isEqualTo(42);
        assertThat(GenIndex.next(-1)).isEqualTo(1);
    }

    @Test
    void checkRefusesAStaleHandleNamingBothGenerations() {
        long handle = GenIndex.of(1, 7);
        GenIndex.check(handle, 7, "compute buffer");
        assertThatThrownBy(() -> GenIndex.check(handle, 9, "compute buffer"))
                .isInstanceOf(StaleHandleException.class)
                .hasMessageContaining("compute buffer slot 1")
                .hasMessageContaining("generation 9")
                .hasMessageContaining("generation 7")
                .satisfies(e -> {
                    StaleHandleException stale = (StaleHandleException) e;
                    assertThat(stale.handleGeneration()).isEqualTo(7);
                    assertThat(stale.currentGeneration()).isEqualTo(9);
                    assertThat(stale.index()).isEqualTo(1);
                });
    }

    @Test
    void generationZeroNamesNothingAndIsAlwaysRefused() {
        assertThatThrownBy(() -> GenIndex.check(GenIndex.of(0, 0), 0, "layout buffer"))
                .isInstanceOf(StaleHandleException.class)
                .hasMessageContaining("never published");
    }
}
