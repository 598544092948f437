package org.orrery.memory.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

class FrameCollectorTest {

    private static final long MS = 1_000_000;

    private static FrameTimeline timeline(int capacity) {
        return new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(capacity), 64), capacity);
    }

    /** Stamps every stage of {@code frame}, one millisecond apart from {@code start}; PRESENTED only if shown. */
    private static void frame(FrameTimeline timeline, long frame, long start, boolean shown) {
        for (FrameStage stage : FrameStage.values()) {
            if (shown || stage.ordinal() <= FrameStage.LAYOUT_PUBLISHED.ordinal()) {
                timeline.stamp(frame, stage, start + stage.ordinal() * MS);
            }
        }
    }

    @Test
    void framesSkippedAsAWarmUpAreLeftOutOfEveryStatistic() {
        FrameTimeline timeline = timeline(64);
        frame(timeline, 1, 0, true);
        frame(timeline, 2, 500 * MS, false); // a slow, dropped start
        for (long f = 3; f <= 10; f++) {
            frame(timeline, f, 1_000 * MS + f * 16 * MS, true);
        }
        FrameCollector collector = new FrameCollector(timeline);
        collector.skipTo(5);
        collector.collect(10);
        assertThat(collector.presented()).isEqualTo(5);
        assertThat(collector.dropped()).isZero();
        assertThat(collector.intervals()).as("6-7 to 9-10").isEqualTo(4);
        assertThat(collector.maxIntervalMillis()).isCloseTo(16, within(0.02));
    }

    @Test
    void aConsumerThatSkipsEveryOtherFrameSeesHalfDropped() {
        FrameTimeline timeline = timeline(2048);
        for (long f = 1; f <= 1_000; f++) {
            frame(timeline, f, f * 8 * MS, f % 2 == 1);
        }
        FrameCollector collector = new FrameCollector(timeline);
        collector.collect(999);
        assertThat(collector.presented()).isEqualTo(500);
        assertThat(collector.dropped()).as("frames 2 to 998, even").isEqualTo(499);
        assertThat(collector.incomplete()).isZero();
        assertThat(collector.intervals()).isEqualTo(499);
        assertThat(collector.intervalMillis(50)).isCloseTo(16, within(0.02));
        assertThat(collector.intervalMillis(99.9)).isCloseTo(16, within(0.02));
        assertThat(collector.jitterMillis()).isCloseTo(0, within(0.01));
        assertThat(collector.meanStageMillis(FrameStage.PRESENTED)).isCloseTo(1, within(1e-9));
        assertThat(collector.meanStageMillis(FrameStage.TICK_PUBLISHED)).as("no stage before the first").isNaN();
    }

    @Test
    void framesStillOnTheirWayAreNotJudgedUntilALaterOneIsShown() {
        FrameTimeline timeline = timeline(64);
        frame(timeline, 1, 0, true);
        frame(timeline, 2, 10 * MS, false); // computed, not shown yet
        FrameCollector collector = new FrameCollector(timeline);
        collector.collect(1);
        assertThat(collector.dropped()).isZero();
        frame(timeline, 3, 20 * MS, true);
        collector.collect(3);
        assertThat(collector.dropped()).as("frame 2 was passed over").isEqualTo(1);
        assertThat(collector.presented()).isEqualTo(2);
        assertThat(collector.intervalMillis(100)).isCloseTo(20, within(0.02));
    }

    @Test
    void jitterIsTheStandardDeviationOfTheIntervals() {
        FrameTimeline timeline = timeline(256);
        long t = 0;
        for (long f = 1; f <= 201; f++) {
            timeline.stamp(f, FrameStage.COMPUTE_PUBLISHED, t);
            timeline.stamp(f, FrameStage.PRESENTED, t);
            t += (f % 2 == 0 ? 10 : 20) * MS;
        }
        FrameCollector collector = new FrameCollector(timeline);
        collector.collect(201);
        assertThat(collector.jitterMillis()).isCloseTo(5, within(0.02));
        assertThat(collector.maxIntervalMillis()).isCloseTo(20, within(0.02));
        assertThat(collector.incomplete()).as("only two stages stamped").isEqualTo(201);
    }

    @Test
    void framesThatLeftTheTimelineUnreadAreCountedAsLost() {
        FrameTimeline timeline = timeline(64);
        for (long f = 1; f <= 1_000; f++) {
            frame(timeline, f, f * 16 * MS, true);
        }
        FrameCollector collector = new FrameCollector(timeline);
        collector.collect(1_000);
        assertThat(collector.lost()).isEqualTo(936);
        assertThat(collector.presented()).isEqualTo(64);
        assertThat(collector.intervals()).as("no interval across the gap").isEqualTo(63);
    }
}
