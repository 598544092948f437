package org.orrery.wasm;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR event for one chunk of a tick: the kernel's step over a range of items and the copy out. */
@Name("org.orrery.KernelChunk")
@Label("Kernel chunk")
@Category({"Orrery", "Pipeline"})
@Description("One range of items stepped by a worker's kernel instance, state copied out")
@StackTrace(false)
@Enabled(false) // frequent: on only when a recording asks for it, so other recordings cost nothing here
final class KernelChunkEvent extends Event {

    @Label("Plugin")
    String plugin;

    @Label("Tick")
    long tick;

    @Label("Chunk")
    int chunk;

    @Label("Items")
    int items;

    @Label("Worker")
    int worker;

    @Label("CPU")
    @Description("The CPU the worker is pinned to, or -1 if unpinned")
    int cpu;
}
