package org.orrery.memory.triple;

/** What a {@link TripleBuffer} producer does when the consumer has not taken the last frame. */
public enum DeliveryMode {
    /** The newest frame wins: an unread frame is replaced and counted as dropped. Never waits. */
    LIVE,
    /** Every frame reaches the consumer: the producer waits for it to take the previous one. */
    LOSSLESS
}
