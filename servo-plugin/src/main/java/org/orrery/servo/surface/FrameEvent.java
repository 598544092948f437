package org.orrery.servo.surface;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event for one frame taken by a surface on the FX pulse: its duration is the pulse's work
 * on it ({@link GpuSurface#present()}), and it says how long the frame took from the start of its
 * layout to this pulse, so a recording shows where a late frame lost its time.
 */
@Name("org.orrery.Frame")
@Label("Frame")
@Category({"Orrery", "Pipeline"})
@Description("One frame shown by a surface on the JavaFX pulse")
@StackTrace(false)
@Enabled(false) // frequent: on only when a recording asks for it, so other recordings cost nothing here
final class FrameEvent extends Event {

    @Label("Frame")
    @Description("The compute frame's generation: one per tick")
    long frame;

    @Label("Since Layout Start")
    @Description("From the start of the frame's layout to this pulse")
    @Timespan(Timespan.NANOSECONDS)
    long sinceLayoutStart;
}
