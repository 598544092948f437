package org.orrery.memory.ring;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.orrery.memory.wait.BackoffWait;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.memory.wait.WaitStrategy;

/**
 * The bounded control channel of the pipeline: an LMAX Disruptor ring of preallocated
 * {@link ControlEvent}s with one consumer. Publishing never allocates and never grows the ring:
 * when it is full the publisher either gets {@code false} at once ({@code timeoutNanos == 0}) or
 * waits up to a time-out for the consumer to make room.
 *
 * <p>The consumer is wired at construction, so the ring is gated by it from the first event: a
 * producer can never overwrite an event the consumer has not handled.
 *
 * <p>The consumer waits for events with the Disruptor strategy of the ring's {@link WaitPolicy}.
 * A producer facing a full ring always backs off ({@link BackoffWait}: spin, yield, then bounded
 * parks) until an eighth of the ring is free, whatever the policy. A full ring is an overload:
 * polling the consumer's sequence eagerly would pull its cache line away on every check and slow
 * the very thread that has to make room (measured here: 3-4x lower throughput), and bounded parks
 * need no wake-up signal, so any number of producers may wait at once.
 */
public final class ControlRing {

    private final RingBuffer<ControlEvent> ring;
    private final ControlConsumer consumer;
    private final WaitStrategy fullRingWait = new BackoffWait();
    private final BooleanSupplier hasRoom;

    /**
     * @param capacity number of events, a power of two
     * @param producers {@link ProducerType#SINGLE} if exactly one thread ever publishes, else MULTI
     * @param waitPolicy how the consumer waits for events
     * @param handler what the consumer does with each event
     */
    public ControlRing(int capacity, ProducerType producers, WaitPolicy waitPolicy, ControlHandler handler) {
        Objects.requireNonNull(producers, "producers");
        Objects.requireNonNull(handler, "handler");
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("control ring capacity must be a power of two, was " + capacity);
        }
        this.ring = RingBuffer.create(producers, ControlEvent::new, capacity, waitPolicy.newDisruptorWait());
        EventHandler<ControlEvent> adapter = handler::onControl;
        BatchEventProcessor<ControlEvent> processor =
                new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), adapter);
        ring.addGatingSequences(processor.getSequence());
        this.consumer = new ControlConsumer(processor);
        // Resuming at the first free slot would lock producer and consumer into one-event steps,
        // each paying a cache-line round trip between the cores.
        int resumeRoom = Math.max(1, capacity / 8);
        this.hasRoom = () -> ring.hasAvailableCapacity(resumeRoom);
    }

    /** The consumer to run on a thread of the caller's choosing. */
    public ControlConsumer consumer() {
        return consumer;
    }

    /**
     * Publishes a tick.
     *
     * @param frameHandle the {@link org.orrery.memory.handle.GenIndex} of the frame to compute from, or 0
     * @param timeoutNanos 0 to give up at once if the ring is full
     * @return false if the ring stayed full for the whole time-out; nothing was published then
     */
    public boolean publishTick(long frame, long dtNanos, long parameterGeneration, long frameHandle, long timeoutNanos) {
        long sequence = claim(timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        ring.get(sequence).set(ControlType.TICK, frame, dtNanos, parameterGeneration, frameHandle, -1, 0.0);
        ring.publish(sequence);
        return true;
    }

    /**
     * Publishes a parameter change.
     *
     * @return false if the ring stayed full for the whole time-out; nothing was published then
     */
    public boolean publishParameter(long parameterGeneration, int parameterIndex, double value, long timeoutNanos) {
        if (parameterIndex < 0) {
            throw new IllegalArgumentException("parameter index must not be negative, was " + parameterIndex);
        }
        long sequence = claim(timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        ring.get(sequence).set(ControlType.PARAMETER_CHANGE, 0, 0, parameterGeneration, 0, parameterIndex, value);
        ring.publish(sequence);
        return true;
    }

    /**
     * Publishes {@link ControlType#PAUSE}, {@link ControlType#RESUME} or {@link ControlType#SHUTDOWN}.
     *
     * @return false if the ring stayed full for the whole time-out; nothing was published then
     */
    public boolean publishCommand(ControlType command, long timeoutNanos) {
        if (command == ControlType.TICK || command == ControlType.PARAMETER_CHANGE) {
            throw new IllegalArgumentException(command + " carries values: use publishTick or publishParameter");
        }
        long sequence = claim(timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        ring.get(sequence).set(command, 0, 0, 0, 0, -1, 0.0);
        ring.publish(sequence);
        return true;
    }

    public int capacity() {
        return ring.getBufferSize();
    }

    /** Free slots now; a snapshot that other producers and the consumer may change at once. */
    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    /** Sequence of the last published event, -1 before the first. */
    public long publishedSequence() {
        return ring.getCursor();
    }

    private long claim(long timeoutNanos) {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            // The exception is a preallocated singleton: no allocation on a full ring.
            if (timeoutNanos <= 0) {
                return -1;
            }
        }
        long deadline = WaitStrategy.deadlineAfter(timeoutNanos);
        while (fullRingWait.await(hasRoom, deadline)) {
            try {
                return ring.tryNext();
            } catch (InsufficientCapacityException full) {
                // another producer took the slot first: wait again
            }
        }
        return -1;
    }
}
