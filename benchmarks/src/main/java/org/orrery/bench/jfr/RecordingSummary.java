package org.orrery.bench.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of an Orrery run: each Orrery event (count, duration p50, p99, max)
 * and the time the pipeline's threads spent blocked, split into lock contention (monitor enter,
 * or parked on a lock) and waiting for work (parked in a wait strategy, on a condition, or with no
 * blocker). Both are given as a share of the pipeline threads' time over the recording; the
 * design's limit is 5 % for contention. Threads whose name matches the pattern are the pipeline's;
 * a thread counts from its first event, so the recording should sample threads (JFR's default
 * settings do).
 *
 * <p>usage: {@code RecordingSummary RECORDING.jfr [THREAD_NAME_REGEX]}
 * (default {@code orrery-.*|coordinator|main})
 */
public final class RecordingSummary {

    /** The design's limit: above this share of the pipeline's time, synchronisation is redesigned. */
    static final double CONTENTION_LIMIT = 0.05;

    private final Pattern pipelineThreads;
    private final Map<String, List<Long>> orreryDurations = new TreeMap<>();
    private final Map<String, Long> blockedNanos = new TreeMap<>();
    private final Map<String, Long> blockedCounts = new TreeMap<>();
    private final Set<String> threads = new HashSet<>();
    private long contentionNanos;
    private long waitNanos;
    private Instant first = Instant.MAX;
    private Instant last = Instant.MIN;

    RecordingSummary(Pattern pipelineThreads) {
        this.pipelineThreads = pipelineThreads;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: RecordingSummary RECORDING.jfr [THREAD_NAME_REGEX]");
            System.exit(2);
        }
        RecordingSummary summary = new RecordingSummary(
                Pattern.compile(args.length > 1 ? args[1] : "orrery-.*|coordinator|main"));
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            summary.add(event);
        }
        System.out.print(summary.report());
    }

    void add(RecordedEvent event) {
        if (event.getStartTime().isBefore(first)) {
            first = event.getStartTime();
        }
        if (event.getEndTime().isAfter(last)) {
            last = event.getEndTime();
        }
        String type = event.getEventType().getName();
        if (type.startsWith("org.orrery.")) {
            orreryDurations.computeIfAbsent(type, t -> new ArrayList<>()).add(event.getDuration().toNanos());
            return;
        }
        RecordedThread thread = event.getThread();
        if (thread == null || thread.getJavaName() == null || !pipelineThreads.matcher(thread.getJavaName()).matches()) {
            return;
        }
        threads.add(thread.getJavaName());
        long nanos = event.getDuration().toNanos();
        switch (type) {
            case "jdk.JavaMonitorEnter" -> block("monitor enter " + className(event.getClass("monitorClass")), nanos, true);
            case "jdk.ThreadPark" -> {
                String blocker = className(event.getClass("parkedClass"));
                block("park on " + blocker, nanos, isLock(blocker));
            }
            default -> { } // execution samples and the rest only name the pipeline's threads
        }
    }

    /** A park on one of these is waiting for a lock another thread holds, not for work. */
    static boolean isLock(String blocker) {
        return blocker.contains("ReentrantLock") || blocker.contains("ReentrantReadWriteLock")
                || blocker.contains("StampedLock") || blocker.contains("Semaphore");
    }

    private void block(String what, long nanos, boolean contention) {
        String key = (contention ? "contention: " : "wait: ") + what;
        blockedNanos.merge(key, nanos, Long::sum);
        blockedCounts.merge(key, 1L, Long::sum);
        if (contention) {
            contentionNanos += nanos;
        } else {
            waitNanos += nanos;
        }
    }

    private static String className(RecordedClass c) {
        return c == null ? "(no blocker)" : c.getName();
    }

    /** The share of the pipeline threads' time over the recording spent in lock contention. */
    double contentionShare() {
        return contentionNanos / (double) threadNanos();
    }

    private long threadNanos() {
        return Math.max(1, threads.size()) * Math.max(1, Duration.between(first, last).toNanos());
    }

    String report() {
        StringBuilder out = new StringBuilder();
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        out.append(String.format("Recording: %.1f s; pipeline threads: %s%n%n", seconds,
                String.join(", ", new TreeSet<>(threads))));
        out.append(String.format("%-24s %9s %10s %10s %10s%n", "Orrery event", "count", "p50 ms", "p99 ms", "max ms"));
        orreryDurations.forEach((type, durations) -> {
            long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
            out.append(String.format("%-24s %9d %10.3f %10.3f %10.3f%n", type, sorted.length, percentile(sorted, 50),
                    percentile(sorted, 99), sorted[sorted.length - 1] / 1e6));
        });
        if (orreryDurations.isEmpty()) {
            out.append("(none: were the org.orrery events enabled?)\n");
        }
        out.append(String.format("%n%-72s %9s %10s%n", "Blocked (pipeline threads)", "count", "total ms"));
        blockedNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("%-72s %9d %10.1f%n", e.getKey(), blockedCounts.get(e.getKey()),
                        e.getValue() / 1e6)));
        double contention = contentionShare();
        out.append(String.format("%nWaiting for work: %.1f %% of the pipeline threads' time%n",
                100.0 * waitNanos / threadNanos()));
        out.append(String.format("Lock contention:  %.2f %% (limit %.0f %%): %s%n", 100 * contention,
                100 * CONTENTION_LIMIT, contention > CONTENTION_LIMIT ? "ABOVE THE LIMIT, redesign the synchronisation"
                        : "within the limit"));
        return out.toString();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }
}
