package org.orrery.bench.memory;

import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;

/**
 * Cost of handing a frame over through a {@link TripleBuffer} in the shared arena: one word
 * written, published and acquired. Uncontended: one thread does both sides. Contended: a producer
 * and a consumer thread on the two cores, each side timed separately.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Group)
public class TripleBufferBench {

    private SharedArena arena;
    private TripleBuffer buffer;
    private long frame;

    @Setup(Level.Trial)
    public void setUp() {
        arena = SharedArena.allocate(ArenaLayout.packed(4096, 4096, 0));
        buffer = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BACKOFF);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** publish + acquire on one thread: the cost of the two CAS hand-overs themselves. */
    @Benchmark
    @Group("uncontended")
    public long publishAcquire() {
        buffer.back().set(ValueLayout.JAVA_LONG, 0, ++frame);
        buffer.publish();
        buffer.acquire();
        return buffer.front().get(ValueLayout.JAVA_LONG, 0);
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public long publish() {
        buffer.back().set(ValueLayout.JAVA_LONG, 0, ++frame);
        return buffer.publish();
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public long acquire() {
        buffer.acquire();
        return buffer.front().get(ValueLayout.JAVA_LONG, 0);
    }
}
