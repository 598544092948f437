package org.orrery.wasm;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR event for one tick: from its release to the workers until its frame is published. */
@Name("org.orrery.Tick")
@Label("Tick")
@Category({"Orrery", "Pipeline"})
@Description("One tick of a kernel over all its workers, until the frame is published")
@StackTrace(false)
@Enabled(false) // frequent: on only when a recording asks for it, so other recordings cost nothing here
final class TickEvent extends Event {

    @Label("Plugin")
    String plugin;

    @Label("Tick")
    long tick;

    @Label("Chunks")
    int chunks;

    @Label("Workers")
    int workers;
}
