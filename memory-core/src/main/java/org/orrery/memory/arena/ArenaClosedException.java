package org.orrery.memory.arena;

/** An access to the shared arena after it was closed. */
public final class ArenaClosedException extends IllegalStateException {

    public ArenaClosedException(String message) {
        super(message);
    }
}
