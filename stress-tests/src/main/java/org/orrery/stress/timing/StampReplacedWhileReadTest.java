package org.orrery.stress.timing;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.foreign.Arena;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * A one-frame timeline holds frame 1's pulse at 100. The pulse of frame 2 (stamped 200) replaces
 * it while a reader asks for frame 1's. The reader gets 100 or nothing: frame 2's time read as
 * frame 1's would put a wrong figure in every statistic.
 *
 * <p>Result: the time read for frame 1's pulse ({@link FrameTimeline#MISSING} if none).
 */
@JCStressTest
@Outcome(id = {"100", "-9223372036854775808"}, expect = ACCEPTABLE, desc = "frame 1's own time, or none")
@Outcome(expect = FORBIDDEN, desc = "another frame's time read as frame 1's")
@State
public class StampReplacedWhileReadTest {

    private final FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(1), 64), 1);
    private final long[] nanos = new long[FrameStage.values().length];

    public StampReplacedWhileReadTest() {
        timeline.stamp(1, FrameStage.PULSE, 100);
    }

    @Actor
    public void pulseOfFrame2() {
        timeline.stamp(2, FrameStage.PULSE, 200);
    }

    @Actor
    public void readerOfFrame1(J_Result r) {
        timeline.read(1, nanos);
        r.r1 = nanos[FrameStage.PULSE.ordinal()];
    }
}
