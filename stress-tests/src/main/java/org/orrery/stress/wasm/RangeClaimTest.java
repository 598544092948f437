package org.orrery.stress.wasm;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.orrery.wasm.RangeClaims;

/**
 * Two workers claim the two ranges of one tick: one asks twice, the other once. Every range must be
 * handed out exactly once, and the third claim must find none left.
 *
 * <p>Result: the first worker's two claims, then the second worker's claim.
 */
@JCStressTest
@Outcome(id = {"0, 1, -1", "1, -1, 0", "0, -1, 1"}, expect = ACCEPTABLE, desc = "each range once")
@Outcome(expect = FORBIDDEN, desc = "a range handed out twice, or lost")
@State
public class RangeClaimTest {

    private final RangeClaims claims = new RangeClaims(2);

    public RangeClaimTest() {
        claims.open(1);
    }

    @Actor
    public void worker1(III_Result r) {
        r.r1 = claims.claim(1);
        r.r2 = claims.claim(1);
    }

    @Actor
    public void worker2(III_Result r) {
        r.r3 = claims.claim(1);
    }
}
