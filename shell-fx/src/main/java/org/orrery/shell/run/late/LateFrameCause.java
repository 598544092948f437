package org.orrery.shell.run.late;

/** Why a frame was late, as {@link LateFrames} tells from the stage stamps and the JVM's events. */
public enum LateFrameCause {
    GC_PAUSE("GC pause"),
    SAFEPOINT("safepoint (VM operation)"),
    SLOWER_THAN_PULSES("tick to layout longer than a pulse period"),
    TICK_OUT_OF_PHASE("tick too late for its pulse (not in phase)"),
    TICK_TAKEN_LATE("tick taken late"),
    KERNEL_STEP("kernel step ran long"),
    LAYOUT("layout ran long"),
    PULSE_LATE("FX pulse came late"),
    RENDER("render ran long"),
    PRESENT("presenting ran long"),
    DESCHEDULED("a pipeline thread waited for a CPU"),
    UNEXPLAINED("nothing recorded");

    private final String text;

    LateFrameCause(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
