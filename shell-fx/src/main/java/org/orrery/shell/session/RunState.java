package org.orrery.shell.session;

/** Where one open plugin is. */
public enum RunState {
    /** Opened, not started. */
    IDLE,
    /** Its kernel is compiling and its pipeline starting. */
    PREPARING,
    RUNNING,
    PAUSED,
    /** It failed; the reason is shown in place of its view. */
    FAILED
}
