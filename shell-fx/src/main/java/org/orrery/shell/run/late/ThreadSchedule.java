package org.orrery.shell.run.late;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples, every {@value #PERIOD_MILLIS} ms while a run goes on, how long each thread of this
 * process has run on a CPU and waited for one: Linux's {@code /proc/self/task/TID/schedstat}, both
 * in nanoseconds since the thread began. Each thread's file is opened once and read again in
 * place (a microsecond or two a read), so a sample of every thread costs a fraction of a
 * millisecond. Where there is no such file (another OS, a kernel without scheduler statistics)
 * it records nothing, and {@link #around} answers null.
 */
public final class ThreadSchedule implements CpuHistory, AutoCloseable {

    static final long PERIOD_MILLIS = 10;
    private static final long RESCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Path TASKS = Path.of("/proc/self/task");

    /** One sample: when, and each thread's cumulative run and wait time, -1 where it was not there. */
    private record Sample(long nanos, long[] run, long[] waited) {}

    /** A thread being sampled: its index in the samples' arrays and its open statistics file. */
    private record Watched(int index, FileChannel schedstat) {}

    // The sampler's alone until close() has joined it; read by around() only after that.
    private final List<String> names = new ArrayList<>();
    private final Map<String, Watched> watched = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(128);
    private final int cpus = Runtime.getRuntime().availableProcessors();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadSchedule() {
        sampler = Thread.ofPlatform().name("orrery-schedule").daemon().unstarted(this::run);
    }

    /** Starts sampling. */
    public static ThreadSchedule start() {
        ThreadSchedule schedule = new ThreadSchedule();
        schedule.sampler.start();
        return schedule;
    }

    /** Stops sampling; the history is complete from then on. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
        watched.values().forEach(w -> {
            try {
                w.schedstat().close();
            } catch (IOException e) {
                // a statistics file: nothing to lose
            }
        });
    }

    private void run() {
        long rescanned = 0;
        while (running) {
            long now = System.nanoTime();
            if (now - rescanned >= RESCAN_NANOS) {
                rescan();
                rescanned = now;
            }
            if (!watched.isEmpty()) {
                sample();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
        }
    }

    /** Opens the statistics of threads begun since the last look. */
    private void rescan() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid = task.getFileName().toString();
                if (watched.containsKey(tid)) {
                    continue;
                }
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    watched.put(tid, new Watched(names.size(), FileChannel.open(task.resolve("schedstat"))));
                    names.add(name);
                } catch (IOException e) {
                    // the thread ended while we looked, or there are no scheduler statistics
                }
            }
        } catch (IOException e) {
            // not Linux: nothing to sample
        }
    }

    private void sample() {
        long[] run = new long[names.size()];
        long[] wait = new long[names.size()];
        Arrays.fill(run, -1);
        Arrays.fill(wait, -1);
        for (Watched thread : watched.values()) {
            try {
                buffer.clear();
                thread.schedstat().read(buffer, 0);
                buffer.flip();
                // "RUN_NANOS WAIT_NANOS TIMESLICES\n"
                run[thread.index()] = number(0);
                wait[thread.index()] = number(1);
            } catch (IOException | RuntimeException e) {
                // the thread has ended: -1 from now on
            }
        }
        samples.add(new Sample(System.nanoTime(), run, wait));
    }

    /** The {@code field}th space-separated number in the buffer. */
    private long number(int field) {
        int at = 0;
        for (int skipped = 0; skipped < field; at++) {
            if (buffer.get(at) == ' ') {
                skipped++;
            }
        }
        long value = 0;
        for (byte b; at < buffer.limit() && (b = buffer.get(at)) >= '0' && b <= '9'; at++) {
            value = value * 10 + (b - '0');
        }
        return value;
    }

    @Override
    public Window around(long from, long to) {
        if (sampler.isAlive()) {
            throw new IllegalStateException("still sampling: close the schedule first");
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < samples.size(); i++) {
            long at = samples.get(i).nanos();
            if (at <= from) {
                first = i;
            }
            if (at >= to && last < 0) {
                last = i;
            }
        }
        if (first < 0 || last < 0) {
            return null;
        }
        Sample a = samples.get(first);
        Sample b = samples.get(last);
        List<ThreadCpu> threads = new ArrayList<>();
        for (int t = 0; t < a.run().length; t++) {
            if (a.run()[t] >= 0 && b.run()[t] >= 0) {
                threads.add(new ThreadCpu(names.get(t), b.run()[t] - a.run()[t], b.waited()[t] - a.waited()[t]));
            }
        }
        return new Window(a.nanos(), b.nanos(), cpus, threads);
    }
}
