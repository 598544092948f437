package org.orrery.memory.wait;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The choice of how a component waits, made once per use (a ring, a triple buffer). Each policy
 * gives a fresh {@link WaitStrategy} for Orrery's own waits and the matching Disruptor strategy
 * for a ring's consumer.
 *
 * <p>{@link #BACKOFF} and {@link #BLOCKING} sleep when there is nothing to do; {@link #YIELDING}
 * and {@link #BUSY_SPIN} keep a core busy and are meant for benchmarks or dedicated cores.
 */
public enum WaitPolicy {
    /** Spin without pause: lowest latency, one full core per waiter. */
    BUSY_SPIN,
    /** Spin, then yield: low latency, a busy core while idle. */
    YIELDING,
    /** Spin, yield, then park with growing intervals: the default for live pipelines. */
    BACKOFF,
    /** Park until signalled: nothing spent while idle, microseconds to wake. */
    BLOCKING;

    /** A new strategy instance; each waiting thread gets its own. */
    public WaitStrategy newWait() {
        return switch (this) {
            case BUSY_SPIN -> new BusySpinWait();
            case YIELDING -> new YieldingWait();
            case BACKOFF -> new BackoffWait();
            case BLOCKING -> new BlockingWait();
        };
    }

    /** The Disruptor wait strategy for a ring consumer that behaves like this policy. */
    public com.lmax.disruptor.WaitStrategy newDisruptorWait() {
        return switch (this) {
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BACKOFF -> new SleepingWaitStrategy(SLEEPING_RETRIES, BackoffWait.MAX_PARK_NANOS);
            case BLOCKING -> new ParkingRingWait();
        };
    }

    private static final int SLEEPING_RETRIES = BackoffWait.SPINS + BackoffWait.YIELDS;
}
