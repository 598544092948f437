package org.orrery.wasm;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What a kernel wrote through its {@code orrery.log} import: kept for the user to see (the
 * shell shows them beside the plugin's view), and written to the application log. A kernel may
 * log from every step, so messages beyond {@link #PER_SECOND} a second are dropped and counted,
 * and only the last {@link #KEPT} are kept. Shared by all instances of one module, which often
 * say the same thing at once (one per worker): a message equal to the last one kept, within a
 * second of it, is not kept again. Thread-safe.
 */
public final class KernelLog {

    static final int PER_SECOND = 10;
    static final int KEPT = 100;
    private static final System.Logger LOG = System.getLogger(KernelLog.class.getName());

    private final String pluginId;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private long windowStartNanos = Long.MIN_VALUE;
    private long lastKeptNanos;
    private int inWindow;
    private long dropped;

    KernelLog(String pluginId) {
        this.pluginId = pluginId;
    }

    synchronized void add(String message) {
        long now = System.nanoTime();
        if (windowStartNanos == Long.MIN_VALUE || now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            inWindow = 0;
        }
        if (message.equals(recent.peekLast()) && now - lastKeptNanos < 1_000_000_000L) {
            return;
        }
        if (++inWindow > PER_SECOND) {
            dropped++;
            return;
        }
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(message);
        lastKeptNanos = now;
        LOG.log(System.Logger.Level.INFO, "[" + pluginId + "] " + message);
    }

    /** The messages kept, oldest first. */
    public synchronized List<String> recent() {
        return List.copyOf(recent);
    }

    /** Messages dropped for coming too fast. */
    public synchronized long dropped() {
        return dropped;
    }
}
