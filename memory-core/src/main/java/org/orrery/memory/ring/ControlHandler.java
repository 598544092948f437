package org.orrery.memory.ring;

/** Receives control events on the ring's consumer thread, in publication order. */
@FunctionalInterface
public interface ControlHandler {

    /**
     * Handles one event. The event object is reused after this returns.
     *
     * @param endOfBatch true for the last event currently available, a good point to flush work
     */
    void onControl(ControlEvent event, long sequence, boolean endOfBatch) throws Exception;
}
