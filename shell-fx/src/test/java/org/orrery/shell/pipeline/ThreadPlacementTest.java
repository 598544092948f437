package org.orrery.shell.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadPlacementTest {

    @Test
    void theWorkersCoreTurnsBusyOver60PercentAndIdleUnder40() {
        assertThat(ThreadPlacement.busyAfter(false, 0.59)).isFalse();
        assertThat(ThreadPlacement.busyAfter(false, 0.61)).isTrue();
        assertThat(ThreadPlacement.busyAfter(true, 0.41)).as("between the bounds it stays as it was").isTrue();
        assertThat(ThreadPlacement.busyAfter(false, 0.41)).isFalse();
        assertThat(ThreadPlacement.busyAfter(true, 0.39)).isFalse();
    }
}
