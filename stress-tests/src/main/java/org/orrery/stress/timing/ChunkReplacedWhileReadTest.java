package org.orrery.stress.timing;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.foreign.Arena;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;
import org.orrery.memory.timing.ChunkTimeline;

/**
 * A one-frame chunk timeline holds frame 1's only chunk, every field 1. Frame 2's chunk (every
 * field 2) replaces it while a reader asks for frame 1's. The reader gets frame 1's entry whole,
 * or nothing; never a mix of the two frames' fields.
 *
 * <p>Result: the six fields read as the digits of one number (111111 for frame 1's), or -1 if
 * the entry was missing.
 */
@JCStressTest
@Outcome(id = {"111111", "-1"}, expect = ACCEPTABLE, desc = "frame 1's entry whole, or none")
@Outcome(expect = FORBIDDEN, desc = "frame 2's fields, or a mix, read as frame 1's")
@State
public class ChunkReplacedWhileReadTest {

    private final ChunkTimeline timeline = new ChunkTimeline(Arena.ofAuto().allocate(ChunkTimeline.bytesFor(1, 1), 64), 1, 1);
    private final long[] fields = new long[ChunkTimeline.FIELDS];

    public ChunkReplacedWhileReadTest() {
        timeline.stamp(1, 0, 1, 1, 1, 1, 1, 1);
    }

    @Actor
    public void chunkOfFrame2() {
        timeline.stamp(2, 0, 2, 2, 2, 2, 2, 2);
    }

    @Actor
    public void readerOfFrame1(J_Result r) {
        if (!timeline.read(1, 0, fields)) {
            r.r1 = -1;
            return;
        }
        long digits = 0;
        for (long field : fields) {
            digits = digits * 10 + field;
        }
        r.r1 = digits;
    }
}
