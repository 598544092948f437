package org.orrery.memory.handle;

/**
 * A read through a {@link GenIndex} handle whose slot has moved on to another generation (or
 * never held one). No data is returned when this is thrown.
 */
public final class StaleHandleException extends IllegalStateException {

    private final int index;
    private final int handleGeneration;
    private final int currentGeneration;

    public StaleHandleException(String owner, int index, int handleGeneration, int currentGeneration) {
        super(message(owner, index, handleGeneration, currentGeneration));
        this.index = index;
        this.handleGeneration = handleGeneration;
        this.currentGeneration = currentGeneration;
    }

    private static String message(String owner, int index, int handleGeneration, int currentGeneration) {
        String held = currentGeneration == GenIndex.NO_GENERATION
                ? "no published generation (it is being written or was never published)"
                : "generation " + Integer.toUnsignedString(currentGeneration);
        return "stale handle refused: " + owner + " slot " + Integer.toUnsignedString(index)
                + " holds " + held + ", the handle has generation "
                + Integer.toUnsignedString(handleGeneration);
    }

    public int index() {
        return index;
    }

    public int handleGeneration() {
        return handleGeneration;
    }

    public int currentGeneration() {
        return currentGeneration;
    }
}
