package org.orrery.testkit;

import java.util.Locale;

/** The run controls above a plugin's view; {@link PluginPage#enabled(RunControl)} says which apply now. */
public enum RunControl {
    /** Enabled in IDLE (prepares a run) and PAUSED (resumes). */
    START,
    /** Enabled in RUNNING. */
    PAUSE,
    /** Enabled in PAUSED: one tick. */
    STEP,
    /** Enabled in RUNNING, PAUSED and FAILED: a new run from the parameters shown. */
    RESET,
    /** Enabled in every state but IDLE: ends the run and frees it. */
    STOP;

    /** The button's node id, {@code run-start} and so on. */
    String nodeId() {
        return "#run-" + name().toLowerCase(Locale.ROOT);
    }
}
