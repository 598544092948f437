package org.orrery.stress.triple;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.foreign.MemorySegment;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;
import org.orrery.memory.triple.TripleBuffer;

/**
 * A producer publishes frames 1 and 2 while the consumer acquires and reads its front. The
 * consumer must see a whole frame (both words from one frame), and once both sides are done, one
 * more acquire must show frame 2: a publish is never lost.
 *
 * <p>Result: consumer's first word, consumer's second word, arbiter's word after a final acquire.
 */
@JCStressTest
@Outcome(id = "0, 0, 2", expect = ACCEPTABLE, desc = "consumer ran before any publish")
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "consumer saw frame 1 whole")
@Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "consumer saw frame 2 whole")
@Outcome(id = {"0, 1, 2", "1, 0, 2", "1, 2, 2", "2, 1, 2", "0, 2, 2", "2, 0, 2"}, expect = FORBIDDEN,
        desc = "torn frame: words from two frames")
@Outcome(id = {".*, .*, 0", ".*, .*, 1"}, expect = FORBIDDEN, desc = "lost publish: frame 2 never became visible")
@Outcome(expect = FORBIDDEN, desc = "anything else is a bug")
@State
public class PublishAcquireTest {

    private final TripleBuffer buffer = Frames.liveBuffer();

    @Actor
    public void producer() {
        Frames.write(buffer, 1);
        buffer.publish();
        Frames.write(buffer, 2);
        buffer.publish();
    }

    @Actor
    public void consumer(JJJ_Result r) {
        buffer.acquire();
        MemorySegment front = buffer.front();
        r.r1 = Frames.word(front, 0);
        r.r2 = Frames.word(front, 1);
    }

    @Arbiter
    public void last(JJJ_Result r) {
        buffer.acquire();
        r.r3 = Frames.word(buffer.front(), 0);
    }
}
