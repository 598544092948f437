package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelLogTest {

    @Test
    void keepsMessagesInOrderAndDropsAFloodBeyondTheRate() {
        KernelLog log = new KernelLog("flood");
        for (int i = 0; i < 3 * KernelLog.PER_SECOND; i++) {
            log.add("message " + i);
        }
        // All added within far less than a second: the first PER_SECOND pass, the rest are counted.
        assertThat(log.recent()).hasSize(KernelLog.PER_SECOND).startsWith("message 0", "message 1")
                .endsWith("message " + (KernelLog.PER_SECOND - 1));
        assertThat(log.dropped()).isEqualTo(2L * KernelLog.PER_SECOND);
    }

    @Test
    void theSameMessageFromSeveralWorkersAtOnceIsKeptOnce() {
        KernelLog log = new KernelLog("workers");
        log.add("time step clamped");
        log.add("time step clamped");
        log.add("another");
        log.add("time step clamped");
        assertThat(log.recent()).containsExactly("time step clamped", "another", "time step clamped");
        assertThat(log.dropped()).isZero();
    }
}
