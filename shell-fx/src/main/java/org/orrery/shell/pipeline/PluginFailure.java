package org.orrery.shell.pipeline;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.orrery.servo.layout.LayoutStage;
import org.orrery.wasm.KernelFault;

/**
 * What the user is told when a plugin fails: one line that names the plugin and the cause, and
 * the details (the whole chain of causes) on demand.
 */
public final class PluginFailure {

    private PluginFailure() {}

    /**
     * One line naming the plugin and the cause. A kernel's fault names its plugin already; a layout
     * that failed (see {@link LayoutStage#failure()}) or a pipeline that could not start does not.
     */
    public static String message(String pluginId, Throwable failure) {
        if (failure instanceof KernelFault) {
            return failure.getMessage();
        }
        String cause = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return cause.contains(pluginId) ? cause : "plugin " + pluginId + ": " + cause;
    }

    /** The failure's stack trace and causes, for the details view and the log. */
    public static String details(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
