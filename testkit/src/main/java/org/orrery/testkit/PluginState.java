package org.orrery.testkit;

/**
 * Where an open plugin is, as its run controls show it. The moves:
 *
 * <table>
 * <caption>What each control does in each state</caption>
 * <tr><th>from</th><th>control or event</th><th>to</th></tr>
 * <tr><td>IDLE</td><td>start</td><td>PREPARING, then RUNNING (or FAILED)</td></tr>
 * <tr><td>RUNNING</td><td>pause</td><td>PAUSED</td></tr>
 * <tr><td>PAUSED</td><td>start</td><td>RUNNING</td></tr>
 * <tr><td>PAUSED</td><td>step</td><td>PAUSED, one tick later</td></tr>
 * <tr><td>RUNNING, PAUSED</td><td>reset</td><td>PREPARING, then as it was (RUNNING or PAUSED)</td></tr>
 * <tr><td>FAILED</td><td>reset</td><td>PREPARING, then RUNNING</td></tr>
 * <tr><td>RUNNING</td><td>the kernel traps or overruns</td><td>FAILED</td></tr>
 * <tr><td>any but IDLE</td><td>stop</td><td>IDLE</td></tr>
 * </table>
 *
 * docs/QA.md draws the same as a diagram.
 */
public enum PluginState {
    /** Opened, or stopped: no run, nothing held. Start prepares a new run from the parameters shown. */
    IDLE,
    /** Its kernel compiling and warming up, its pipeline starting (about a second or two). */
    PREPARING,
    /** Ticking and showing frames. */
    RUNNING,
    /** Holding its last frame; step runs one tick. */
    PAUSED,
    /** It failed; the reason is shown in place of its view ({@link PluginPage#errorShown()}). */
    FAILED;

    /** The kit's name for the application's own state, which has the same names. */
    static PluginState of(Enum<?> applicationState) {
        return valueOf(applicationState.name());
    }
}
