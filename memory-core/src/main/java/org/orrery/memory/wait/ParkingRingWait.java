package org.orrery.memory.wait;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The ring consumer's side of {@link WaitPolicy#BLOCKING}: spin briefly, then park until a
 * publisher unparks it. Unlike Disruptor's lock-based blocking strategy, a publish costs a fence
 * and a field read while the consumer is awake, not a lock and a notify every time.
 *
 * <p>One consumer per instance. The consumer publishes itself as the waiter before its last look
 * at the cursor; the publisher fences between its cursor store and its look at the waiter. So
 * either the consumer sees the new event or the publisher sees the consumer, and unparks it.
 */
final class ParkingRingWait implements com.lmax.disruptor.WaitStrategy {

    private static final int SPINS = 200;

    private volatile Thread waiter;

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available;
        int spins = SPINS;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
                continue;
            }
            waiter = Thread.currentThread();
            if (dependentSequence.get() < sequence && !barrier.isAlerted()) {
                LockSupport.park(this);
            }
            waiter = null;
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // The cursor was just written with release order only; without this fence the read of
        // the waiter below could be satisfied before that write is visible, and a wake-up lost.
        VarHandle.fullFence();
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
