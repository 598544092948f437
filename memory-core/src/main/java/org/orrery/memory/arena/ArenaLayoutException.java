package org.orrery.memory.arena;

/** A region layout that cannot be used: missing, misaligned, overlapping or not fitting regions. */
public final class ArenaLayoutException extends IllegalArgumentException {

    public ArenaLayoutException(String message) {
        super(message);
    }
}
