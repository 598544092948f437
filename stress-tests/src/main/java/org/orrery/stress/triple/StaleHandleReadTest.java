package org.orrery.stress.triple;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;
import org.orrery.memory.handle.StaleHandleException;
import org.orrery.memory.triple.TripleBuffer;

/**
 * Frame 1 was acquired before the test starts, and the consumer kept its handle. The consumer now
 * acquires again, which may hand frame 1's slot back to the producer, and then reads through the
 * old handle while the producer publishes frames 2 and 3 and starts writing a fourth (99) into
 * whatever slot it gets back. A read through the handle must give frame 1's data or be refused
 * (-1); data of any other frame means a stale read was accepted.
 *
 * <p>Result: the two words read through the old handle.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "frame 1 still in its slot: read whole")
@Outcome(id = {"-1, -1", "1, -1"}, expect = ACCEPTABLE, desc = "slot reused: the stale handle was refused")
@Outcome(expect = FORBIDDEN, desc = "stale read accepted: data of another frame returned")
@State
public class StaleHandleReadTest {

    private final TripleBuffer buffer = Frames.liveBuffer();
    private final long frame1;

    public StaleHandleReadTest() {
        Frames.write(buffer, 1);
        buffer.publish();
        frame1 = buffer.acquire();
    }

    @Actor
    public void producer() {
        Frames.write(buffer, 2);
        buffer.publish();
        Frames.write(buffer, 3);
        buffer.publish();
        Frames.write(buffer, 99);
    }

    @Actor
    public void consumer(JJ_Result r) {
        buffer.acquire();
        r.r1 = read(0);
        r.r2 = read(1);
    }

    private long read(int word) {
        try {
            return buffer.readLong(frame1, word * 8L);
        } catch (StaleHandleException refused) {
            return -1;
        }
    }
}
