package org.orrery.memory.ring;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.MultiProducerSequencer;
import com.lmax.disruptor.Sequencer;
import com.lmax.disruptor.SingleProducerSequencer;
import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.orrery.memory.wait.BackoffWait;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.memory.wait.WaitStrategy;

/**
 * The bounded control channel of the pipeline: an LMAX Disruptor sequencer over a preallocated,
 * off-heap array of fixed-size {@link ControlEvent} records, with one consumer. Publishing never
 * allocates and never grows the ring:
 * when it is full the publisher either gets {@code false} at once ({@code timeoutNanos == 0}) or
 * waits up to a time-out for the consumer to make room.
 *
 * <p>The consumer is wired at construction, so the ring is gated by it from the first event: a
 * producer can never overwrite an event the consumer has not handled.
 *
 * <p>A producer that has several events at once (a frame's parameter changes and its tick)
 * stages them in a {@link ControlBatch} and publishes them with one claim and one cursor update:
 * the cursor's cache line then crosses to the consumer once per batch rather than once per event.
 *
 * <p>The consumer waits for events with the Disruptor strategy of the ring's {@link WaitPolicy}.
 * A producer facing a full ring parks at once, in bounded intervals ({@link BackoffWait} with no
 * spinning), until an eighth of the ring is free, whatever the policy. A full ring is an overload:
 * spinning on the consumer's sequence would pull its cache line away on every check and take the
 * core from the very thread that has to make room, and bounded parks need no wake-up signal, so
 * any number of producers may wait at once.
 */
public final class ControlRing {

    private final Sequencer sequencer;
    private final MemorySegment records;
    private final int mask;
    private final ControlConsumer consumer;
    private final WaitStrategy fullRingWait = new BackoffWait(0, 0);
    private final int resumeRoom;
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
        com.lmax.disruptor.WaitStrategy consumerWait = waitPolicy.newDisruptorWait();
        this.sequencer = producers == ProducerType.SINGLE
                ? new SingleProducerSequencer(capacity, consumerWait)
                : new MultiProducerSequencer(capacity, consumerWait);
        this.mask = capacity - 1;
        // Freed by the garbage collector with the ring: nothing else holds the records.
        this.records = Arena.ofAuto().allocate(capacity * ControlEvent.BYTES, 128);
        ControlEvent view = new ControlEvent(records); // only the consumer thread moves it
        DataProvider<ControlEvent> events = sequence -> view.at(offset(sequence));
        EventHandler<ControlEvent> adapter = handler::onControl;
        BatchEventProcessor<ControlEvent> processor =
                new BatchEventProcessorBuilder().build(events, sequencer.newBarrier(), adapter);
        sequencer.addGatingSequences(processor.getSequence());
        this.consumer = new ControlConsumer(processor);
        // Resuming at the first free slot would lock producer and consumer into one-event steps,
        // each paying a cache-line round trip between the cores.
        this.resumeRoom = Math.max(1, capacity / 8);
        this.hasRoom = () -> sequencer.hasAvailableCapacity(resumeRoom);
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
    public boolean publishTick(long frame, long dtNanos, int parameterGeneration, long frameHandle, long timeoutNanos) {
        long sequence = claim(timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        ControlEvent.writeTick(records, offset(sequence), frame, dtNanos, parameterGeneration, frameHandle);
        sequencer.publish(sequence);
        return true;
    }

    /**
     * Publishes a parameter change.
     *
     * @return false if the ring stayed full for the whole time-out; nothing was published then
     */
    public boolean publishParameter(int parameterGeneration, int parameterIndex, double value, long timeoutNanos) {
        checkParameterIndex(parameterIndex);
        long sequence = claim(timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        ControlEvent.writeParameter(records, offset(sequence), parameterGeneration, parameterIndex, value);
        sequencer.publish(sequence);
        return true;
    }

    /**
     * Publishes {@link ControlType#PAUSE}, {@link ControlType#RESUME} or {@link ControlType#SHUTDOWN}.
     *
     * @return false if the ring stayed full for the whole time-out; nothing was published then
     */
    public boolean publishCommand(ControlType command, long timeoutNanos) {
        checkCommand(command);
        long sequence = claim(timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        ControlEvent.writeCommand(records, offset(sequence), command);
        sequencer.publish(sequence);
        return true;
    }

    /**
     * A reusable batch for one producer thread, of at most {@code maxEvents} events.
     *
     * @throws IllegalArgumentException unless {@code 1 <= maxEvents <= capacity()}
     */
    public ControlBatch newBatch(int maxEvents) {
        if (maxEvents < 1 || maxEvents > capacity()) {
            throw new IllegalArgumentException(
                    "a control batch holds 1 to " + capacity() + " events (the ring's capacity), was " + maxEvents);
        }
        int resumeRoom = Math.max(maxEvents, this.resumeRoom);
        return new ControlBatch(this, maxEvents, () -> sequencer.hasAvailableCapacity(resumeRoom));
    }

    /**
     * Publishes the batch's events in the order they were staged, with one claim and one cursor
     * update, then clears the batch. An empty batch publishes nothing and succeeds.
     *
     * @param batch a batch made by this ring's {@link #newBatch(int)}
     * @param timeoutNanos 0 to give up at once if the ring lacks room for the whole batch
     * @return false if the ring never had room for the whole batch within the time-out; nothing
     *     was published then and the batch keeps its events
     */
    public boolean publish(ControlBatch batch, long timeoutNanos) {
        if (batch.ring() != this) {
            throw new IllegalArgumentException("the batch was made by another control ring");
        }
        int count = batch.size();
        if (count == 0) {
            return true;
        }
        long last = claim(count, batch.hasRoom(), timeoutNanos);
        if (last < 0) {
            return false;
        }
        long first = last - count + 1;
        // The batch's records land in at most two runs: up to the ring's end, then from its start.
        int beforeWrap = (int) Math.min(count, capacity() - (first & mask));
        MemorySegment.copy(batch.records(), 0, records, offset(first), beforeWrap * ControlEvent.BYTES);
        MemorySegment.copy(batch.records(), beforeWrap * ControlEvent.BYTES, records, 0,
                (count - beforeWrap) * ControlEvent.BYTES);
        sequencer.publish(first, last);
        batch.clear();
        return true;
    }

    public int capacity() {
        return sequencer.getBufferSize();
    }

    /** Free slots now; a snapshot that other producers and the consumer may change at once. */
    public long remainingCapacity() {
        return sequencer.remainingCapacity();
    }

    /** Highest sequence claimed by a publisher, -1 before the first; with one producer, the last published. */
    public long publishedSequence() {
        return sequencer.getCursor();
    }

    private long offset(long sequence) {
        return (sequence & mask) * ControlEvent.BYTES;
    }

    static void checkParameterIndex(int parameterIndex) {
        if (parameterIndex < 0) {
            throw new IllegalArgumentException("parameter index must not be negative, was " + parameterIndex);
        }
    }

    static void checkCommand(ControlType command) {
        if (command == ControlType.TICK || command == ControlType.PARAMETER_CHANGE
                || command == ControlType.BUFFER_VALUE || command == ControlType.BUFFER_LENGTH) {
            throw new IllegalArgumentException(command + " carries values: use publishTick, publishParameter or a "
                    + "ControlBatch");
        }
    }

    private long claim(long timeoutNanos) {
        return claim(1, hasRoom, timeoutNanos);
    }

    /** Claims {@code count} slots; returns the last one's sequence, or -1 if the ring stayed too full. */
    private long claim(int count, BooleanSupplier hasRoom, long timeoutNanos) {
        try {
            return sequencer.tryNext(count);
        } catch (InsufficientCapacityException full) {
            // The exception is a preallocated singleton: no allocation on a full ring.
            if (timeoutNanos <= 0) {
                return -1;
            }
        }
        long deadline = WaitStrategy.deadlineAfter(timeoutNanos);
        while (fullRingWait.await(hasRoom, deadline)) {
            try {
                return sequencer.tryNext(count);
            } catch (InsufficientCapacityException full) {
                // another producer took the slot first: wait again
            }
        }
        return -1;
    }
}
