package org.orrery.stress.wasm;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.orrery.wasm.ChunkDeques;

/**
 * Two workers, one chunk each; worker 0 asks twice (its own chunk, then a steal), worker 1 once.
 * Worker 1 then races worker 0's steal for its own chunk. Every chunk must go out exactly once,
 * and the third claim must find none left.
 *
 * <p>Result: worker 0's two claims, then worker 1's claim.
 */
@JCStressTest
@Outcome(id = {"0, 1, -1", "0, -1, 1"}, expect = ACCEPTABLE, desc = "each chunk once")
@Outcome(expect = FORBIDDEN, desc = "a chunk handed out twice, or lost")
@State
public class ChunkClaimTest {

    private final ChunkDeques claims = new ChunkDeques(2, 2);

    public ChunkClaimTest() {
        claims.open(1);
    }

    @Actor
    public void worker0(III_Result r) {
        r.r1 = claims.claim(0, 1);
        r.r2 = claims.claim(0, 1);
    }

    @Actor
    public void worker1(III_Result r) {
        r.r3 = claims.claim(1, 1);
    }
}
