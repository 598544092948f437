package org.orrery.memory.ring;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.ExceptionHandler;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ring's single consumer: a {@link Runnable} that the caller runs on a thread of its choosing
 * (a pinned worker, for instance) until {@link #halt()}. A handler that throws is logged with the
 * event and counted; the consumer goes on with the next event rather than dying silently.
 */
public final class ControlConsumer implements Runnable {

    private static final System.Logger LOG = System.getLogger(ControlConsumer.class.getName());

    private final BatchEventProcessor<ControlEvent> processor;
    private final AtomicLong failures = new AtomicLong();

    ControlConsumer(BatchEventProcessor<ControlEvent> processor) {
        this.processor = processor;
        processor.setExceptionHandler(new ExceptionHandler<>() {
            @Override
            public void handleEventException(Throwable ex, long sequence, ControlEvent event) {
                failures.incrementAndGet();
                LOG.log(Level.ERROR, "control handler failed on " + event + " (sequence " + sequence + ")", ex);
            }

            @Override
            public void handleOnStartException(Throwable ex) {
                LOG.log(Level.ERROR, "control consumer failed to start", ex);
            }

            @Override
            public void handleOnShutdownException(Throwable ex) {
                LOG.log(Level.ERROR, "control consumer failed to shut down", ex);
            }
        });
    }

    /** Consumes events until {@link #halt()}; returns then. */
    @Override
    public void run() {
        processor.run();
    }

    /** Asks the consumer to stop after the current batch; {@link #run()} returns soon after. */
    public void halt() {
        processor.halt();
    }

    public boolean isRunning() {
        return processor.isRunning();
    }

    /** Sequence of the last event handled, -1 before the first. */
    public long handledSequence() {
        return processor.getSequence().get();
    }

    /** Events whose handler threw. */
    public long failures() {
        return failures.get();
    }
}
