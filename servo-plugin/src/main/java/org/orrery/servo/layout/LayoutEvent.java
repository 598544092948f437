package org.orrery.servo.layout;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event for one frame's layout (and raster), so that a recording opened in JDK Mission
 * Control shows the layout stage beside garbage collection and safepoints.
 */
@Name("org.orrery.Layout")
@Label("Layout")
@Category({"Orrery", "Pipeline"})
@Description("One frame laid out (and rastered) by the layout stage")
@StackTrace(false)
@Enabled(false) // frequent: on only when a recording asks for it, so other recordings cost nothing here
final class LayoutEvent extends Event {

    @Label("Frame")
    @Description("The compute frame's generation: one per tick")
    long frame;

    @Label("Width")
    int width;

    @Label("Height")
    int height;
}
