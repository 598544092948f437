package org.orrery.stress.wasm;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.orrery.wasm.RangeClaims;

/**
 * Tick 1's ranges are all claimed. The coordinator opens tick 2 while a worker, still in tick 1,
 * asks for another tick-1 range and then for a tick-2 range. The tick-1 claim must never get a
 * range (that would step tick 2's range with tick 1's state); the tick-2 claim gets range 0, or
 * nothing if tick 2 is not open yet.
 *
 * <p>Result: the tick-1 claim, the tick-2 claim.
 */
@JCStressTest
@Outcome(id = {"-1, 0", "-1, -1"}, expect = ACCEPTABLE, desc = "stale claim refused; tick 2 open or not yet")
@Outcome(expect = FORBIDDEN, desc = "a worker of the previous tick took a range of the next")
@State
public class StaleTickClaimTest {

    private final RangeClaims claims = new RangeClaims(2);

    public StaleTickClaimTest() {
        claims.open(1);
        claims.claim(1);
        claims.claim(1);
    }

    @Actor
    public void coordinator() {
        claims.open(2);
    }

    @Actor
    public void staleWorker(II_Result r) {
        r.r1 = claims.claim(1);
        r.r2 = claims.claim(2);
    }
}
