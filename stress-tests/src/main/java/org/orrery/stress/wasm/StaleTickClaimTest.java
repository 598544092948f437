package org.orrery.stress.wasm;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.orrery.wasm.ChunkDeques;

/**
 * Tick 1's chunks are all claimed. The coordinator opens tick 2 while worker 0, still in tick 1,
 * asks for another tick-1 chunk and then for a tick-2 chunk. The tick-1 claim must never get a
 * chunk (that would step tick 2's chunk with tick 1's state). The tick-2 claim races the opening:
 * it gets chunk 0 (the front of worker 0's run), chunk 1 (stolen from worker 1's run, opened after
 * worker 0 looked at its own), or nothing. In the host a worker asks for a tick only after the
 * tick is fully open; here it may ask sooner, to crowd the stale claim against the opening.
 *
 * <p>Result: the tick-1 claim, the tick-2 claim.
 */
@JCStressTest
@Outcome(id = {"-1, 0", "-1, 1", "-1, -1"}, expect = ACCEPTABLE, desc = "stale claim refused")
@Outcome(expect = FORBIDDEN, desc = "a worker of the previous tick took a chunk of the next")
@State
public class StaleTickClaimTest {

    private final ChunkDeques claims = new ChunkDeques(2, 2);

    public StaleTickClaimTest() {
        claims.open(1);
        claims.claim(0, 1);
        claims.claim(1, 1);
    }

    @Actor
    public void coordinator() {
        claims.open(2);
    }

    @Actor
    public void staleWorker(II_Result r) {
        r.r1 = claims.claim(0, 1);
        r.r2 = claims.claim(0, 2);
    }
}
