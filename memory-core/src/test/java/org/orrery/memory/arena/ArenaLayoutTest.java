package org.orrery.memory.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArenaLayoutTest {

    @Test
    void packedLayoutAlignsEveryRegionAndKeepsThemApart() {
        ArenaLayout layout = ArenaLayout.packed(1000, 333, 77);
        long previousEnd = 0;
        for (Region region : Region.values()) {
            long offset = layout.offset(region);
            assertThat(offset % ArenaLayout.ALIGNMENT).as("%s offset", region).isZero();
            assertThat(offset).as("%s starts after the previous region", region).isGreaterThanOrEqualTo(previousEnd);
            if (previousEnd > 0) {
                // No 64-byte line holds bytes of two regions.
                assertThat((previousEnd - 1) / 64).as("last line before %s", region).isLessThan(offset / 64);
            }
            previousEnd = offset + layout.size(region);
        }
        assertThat(layout.size(Region.METADATA)).isEqualTo(64)
                .isEqualTo(Stage.values().length * org.orrery.memory.triple.TripleBuffer.CONTROL_BYTES);
        assertThat(layout.size(Region.COMPUTE_B)).isEqualTo(1000);
        assertThat(layout.size(Region.LAYOUT_C)).isEqualTo(333);
        assertThat(layout.offset(Region.COMPUTE_A)).isEqualTo(128);
        assertThat(layout.offset(Region.COMPUTE_B)).isEqualTo(128 + 1024);
        assertThat(layout.totalBytes()).isGreaterThanOrEqualTo(previousEnd);
        assertThat(layout.totalBytes() % ArenaLayout.ALIGNMENT).isZero();
    }

    @Test
    void refusesAMisalignedRegion() {
        List<RegionPlacement> placements = valid();
        replace(placements, new RegionPlacement(Region.COMPUTE_B, 1100, 512));
        assertThatThrownBy(() -> ArenaLayout.of(8192, placements))
                .isInstanceOf(ArenaLayoutException.class)
                .hasMessageContaining("COMPUTE_B is misaligned")
                .hasMessageContaining("1100");
    }

    @Test
    void refusesOverlappingRegions() {
        List<RegionPlacement> placements = valid();
        replace(placements, new RegionPlacement(Region.LAYOUT_A, 128 + 3 * 512 - 256, 512));
        assertThatThrownBy(() -> ArenaLayout.of(8192, placements))
                .isInstanceOf(ArenaLayoutException.class)
                .hasMessageContaining("overlaps")
                .hasMessageContaining("LAYOUT_A");
    }

    @Test
    void refusesARegionThatDoesNotFit() {
        assertThatThrownBy(() -> ArenaLayout.of(3600, valid()))
                .isInstanceOf(ArenaLayoutException.class)
                .hasMessageContaining("does not fit")
                .hasMessageContaining("RESULT_CACHE does not fit: it ends at byte 3712, the arena has 3600 bytes");
    }

    @Test
    void refusesSizesThatOverflow() {
        assertThatThrownBy(() -> ArenaLayout.packed(Long.MAX_VALUE / 2, 16, 0))
                .isInstanceOf(ArenaLayoutException.class)
                .hasMessageContaining("2^63");
        List<RegionPlacement> placements = valid();
        replace(placements, new RegionPlacement(Region.RESULT_CACHE, 7168, Long.MAX_VALUE));
        assertThatThrownBy(() -> ArenaLayout.of(8192, placements))
                .hasMessageContaining("RESULT_CACHE does not fit");
    }

    @Test
    void refusesMissingDuplicateAndMalformedRegions() {
        List<RegionPlacement> missing = valid();
        missing.removeIf(p -> p.region() == Region.RESULT_CACHE);
        assertThatThrownBy(() -> ArenaLayout.of(8192, missing)).hasMessageContaining("RESULT_CACHE is missing");

        List<RegionPlacement> twice = valid();
        twice.add(new RegionPlacement(Region.COMPUTE_A, 7680, 128));
        assertThatThrownBy(() -> ArenaLayout.of(8192, twice)).hasMessageContaining("COMPUTE_A is placed twice");

        List<RegionPlacement> bigMetadata = valid();
        replace(bigMetadata, new RegionPlacement(Region.METADATA, 0, 128));
        assertThatThrownBy(() -> ArenaLayout.of(8192, bigMetadata)).hasMessageContaining("METADATA must be 64 bytes");

        List<RegionPlacement> unequal = valid();
        replace(unequal, new RegionPlacement(Region.COMPUTE_C, 128 + 1024, 256));
        assertThatThrownBy(() -> ArenaLayout.of(8192, unequal)).hasMessageContaining("COMPUTE slots differ in size");

        assertThatThrownBy(() -> ArenaLayout.packed(0, 64, 0)).hasMessageContaining("COMPUTE_A is empty");
        assertThatThrownBy(() -> ArenaLayout.packed(64, -1, 0)).hasMessageContaining("LAYOUT_A has a negative size");
        assertThatThrownBy(() -> ArenaLayout.of(0, valid())).hasMessageContaining("must be positive");
    }

    /** Metadata at 0, six 512-byte slots from 128, a 512-byte cache: 3712 bytes used of 8192. */
    private static List<RegionPlacement> valid() {
        List<RegionPlacement> list = new ArrayList<>();
        list.add(new RegionPlacement(Region.METADATA, 0, 64));
        long offset = 128;
        for (Region region : new Region[] {Region.COMPUTE_A, Region.COMPUTE_B, Region.COMPUTE_C,
                Region.LAYOUT_A, Region.LAYOUT_B, Region.LAYOUT_C, Region.RESULT_CACHE}) {
            list.add(new RegionPlacement(region, offset, 512));
            offset += 512;
        }
        ArenaLayout.of(8192, list); // the baseline itself is valid
        return list;
    }

    private static void replace(List<RegionPlacement> list, RegionPlacement placement) {
        list.replaceAll(p -> p.region() == placement.region() ? placement : p);
    }
}
