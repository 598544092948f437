package org.orrery.shell.session;

/**
 * Where one open plugin is. Start goes from IDLE to PREPARING, then RUNNING (or FAILED); pause
 * and start move between RUNNING and PAUSED; reset goes from RUNNING, PAUSED or FAILED to
 * PREPARING, then back to RUNNING or PAUSED as it was (RUNNING after FAILED); stop goes from any
 * other state to IDLE. docs/QA.md draws it.
 */
public enum RunState {
    /** Opened or stopped: no run. */
    IDLE,
    /** Its kernel is compiling and its pipeline starting. */
    PREPARING,
    /** Ticking and showing frames. */
    RUNNING,
    /** Its last frame shown; step runs one tick. */
    PAUSED,
    /** It failed; the reason is shown in place of its view. */
    FAILED
}
