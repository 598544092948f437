package org.orrery.shell.run.late;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of what the JVM does that can hold a frame up, kept while a run goes on: the
 * garbage collector's pauses, other operations at a safepoint, and JIT compilations (HotSpot's;
 * GraalWasm's Truffle compilations run on threads of their own and are not among them). On
 * {@link #stop} the events come back on the run's clock, {@link System#nanoTime()}.
 */
public final class RuntimeRecording {

    private final Recording recording = new Recording();
    // JFR stamps events with wall-clock instants: one reading of both clocks maps them.
    private final Instant wallAtStart;
    private final long nanosAtStart;

    private RuntimeRecording() {
        recording.setName("orrery-late-frames");
        recording.enable("jdk.GCPhasePause").withoutThreshold();
        recording.enable("jdk.ExecuteVMOperation").withoutThreshold();
        recording.enable("jdk.Compilation").withoutThreshold();
        recording.setToDisk(true);
        this.nanosAtStart = System.nanoTime();
        this.wallAtStart = Instant.now();
    }

    public static RuntimeRecording start() {
        RuntimeRecording started = new RuntimeRecording();
        started.recording.start();
        return started;
    }

    /** Stops recording and returns its events, in no particular order. */
    public List<RuntimeEvent> stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("orrery-late-frames", ".jfr");
        try {
            recording.dump(file);
            List<RuntimeEvent> events = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                RuntimeEvent event = toEvent(e);
                if (event != null) {
                    events.add(event);
                }
            }
            return events;
        } finally {
            recording.close();
            Files.deleteIfExists(file);
        }
    }

    private RuntimeEvent toEvent(RecordedEvent e) {
        long start = nanosAtStart + Duration.between(wallAtStart, e.getStartTime()).toNanos();
        long end = start + e.getDuration().toNanos();
        return switch (e.getEventType().getName()) {
            case "jdk.GCPhasePause" -> new RuntimeEvent(RuntimeEvent.Kind.GC_PAUSE, e.getString("name"), start, end);
            case "jdk.ExecuteVMOperation" -> {
                String operation = e.getString("operation");
                // The collector's own operations are its pauses, recorded above.
                boolean collection = operation.contains("Collect") || operation.contains("GC");
                yield e.getBoolean("safepoint") && !collection
                        ? new RuntimeEvent(RuntimeEvent.Kind.SAFEPOINT, operation, start, end) : null;
            }
            case "jdk.Compilation" -> new RuntimeEvent(RuntimeEvent.Kind.COMPILATION,
                    e.getValue("method") instanceof jdk.jfr.consumer.RecordedMethod m
                            ? m.getType().getName() + "." + m.getName() : "a method", start, end);
            default -> null;
        };
    }
}
