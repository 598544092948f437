package org.orrery.servo.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.openhft.affinity.Affinity;

/**
 * The process's one Servo, run on its own thread (Servo's embedding API is single-threaded). The
 * engine thread starts Servo, then loops: run the commands other threads queued, spin Servo's
 * event loop, let each view paint a new frame and hand the page its newest values, and sleep
 * until Servo, a command or a published value wakes it.
 *
 * <p>{@link #shared()} starts it on first use, loading the bridge from
 * {@value #LIBRARY_PROPERTY} (a path) or, failing that, {@code liborrery_servo.so} in the folder
 * {@value #LIBRARY_DIR_PROPERTY} names. When the bridge cannot be loaded or Servo fails to start
 * it throws {@link ServoUnavailableException} with the reason, and keeps throwing the same reason:
 * the rest of the application runs on without Servo.
 */
public final class ServoEngine {

    /** System property: the bridge library's path. */
    public static final String LIBRARY_PROPERTY = "orrery.servo.library";
    /** System property: a folder holding {@code liborrery_servo.so}. */
    public static final String LIBRARY_DIR_PROPERTY = "orrery.native.dir";

    private static final Logger LOG = Logger.getLogger(ServoEngine.class.getName());
    /** Servo's layout and painting run on the engine thread and recurse deeply. */
    private static final long ENGINE_STACK_BYTES = 64L << 20;
    /** How long the engine thread sleeps when nothing wakes it. */
    private static final int IDLE_WAIT_MILLIS = 50;

    /** Overrides the CPUs of Servo's threads: a comma-separated list such as {@code 2,3}. */
    public static final String CPUS_PROPERTY = "orrery.servo.cpus";

    private static ServoEngine shared;
    /** The CPUs Servo's threads run on unless {@link #CPUS_PROPERTY} says otherwise; empty for any. */
    private static List<Integer> defaultCpus = List.of();
    /** The CPUs the engine thread, and so every thread Servo starts, runs on; empty if unpinned. */
    private volatile List<Integer> cpus = List.of();
    private static ServoUnavailableException unavailable;

    private final ServoLibrary library;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /** Engine thread only. */
    private final List<ServoView> views = new ArrayList<>();
    /** Set by the shutdown hook's command: the loop ends after Servo is shut down. */
    private boolean shutDown;
    /** How long the JVM's exit waits for Servo's threads; a page that never returns can hold one. */
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private ServoEngine(ServoLibrary library) {
        this.library = library;
        this.thread = new Thread(null, this::run, "servo-engine", ENGINE_STACK_BYTES);
        this.thread.setDaemon(true);
    }

    /**
     * Puts Servo's threads on {@code renderCpus} (the renderer's, from the core partition), unless
     * the {@value #CPUS_PROPERTY} property names others. An engine already running keeps the CPUs it has.
     */
    public static synchronized void runOn(List<Integer> renderCpus) {
        defaultCpus = List.copyOf(renderCpus);
    }

    /** The CPUs Servo's threads run on; empty if they run on any. */
    public List<Integer> cpus() {
        return cpus;
    }

    /**
     * The running engine, started on first call.
     *
     * @throws ServoUnavailableException why Servo cannot run here (the same reason on every call)
     */
    public static synchronized ServoEngine shared() {
        if (shared != null) {
            return shared;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            requireSignalChaining();
            ServoEngine engine = new ServoEngine(ServoLibrary.load(libraryPath()));
            engine.start(chosenCpus());
            Runtime.getRuntime().addShutdownHook(new Thread(engine::shutDown, "servo-shutdown"));
            shared = engine;
            return engine;
        } catch (ServoUnavailableException e) {
            unavailable = e;
            LOG.warning("Servo is not available: " + e.getMessage());
            throw e;
        }
    }

    /**
     * SpiderMonkey installs signal handlers; without the JVM's signal chaining ({@code libjsig.so}
     * loaded before the JVM) they would take over the signals the JVM relies on (safepoints,
     * implicit null checks) and crash it later, far from the cause. So Servo refuses to start.
     */
    static void requireSignalChaining() {
        Path maps = Path.of("/proc/self/maps");
        try {
            if (Files.isReadable(maps) && Files.readString(maps).contains("libjsig.so")) {
                return;
            }
        } catch (IOException e) {
            throw new ServoUnavailableException("cannot tell whether the JVM chains signals: " + e.getMessage(), e);
        }
        throw new ServoUnavailableException("this JVM was started without signal chaining, which Servo's script "
                + "engine needs; start it with LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")
                + " (scripts/orrery and the installed orrery command do)");
    }

    /** Where the bridge is looked for. */
    public static Path libraryPath() {
        String file = System.getProperty(LIBRARY_PROPERTY);
        if (file != null && !file.isBlank()) {
            return Path.of(file);
        }
        String folder = System.getProperty(LIBRARY_DIR_PROPERTY);
        if (folder != null && !folder.isBlank()) {
            return Path.of(folder, ServoLibrary.FILE_NAME);
        }
        return Path.of(System.getProperty("user.dir"), ServoLibrary.FILE_NAME);
    }

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile ServoException startFailure;

    private static List<Integer> chosenCpus() {
        String property = System.getProperty(CPUS_PROPERTY);
        if (property == null || property.isBlank()) {
            return defaultCpus;
        }
        try {
            return java.util.Arrays.stream(property.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            LOG.warning(CPUS_PROPERTY + "=" + property + " is not a list of CPU numbers such as 2,3; Servo runs on "
                    + (defaultCpus.isEmpty() ? "any CPU" : "CPUs " + defaultCpus));
            return defaultCpus;
        }
    }

    private void start(List<Integer> wanted) {
        this.cpus = wanted;
        thread.start();
        try {
            if (!started.await(60, TimeUnit.SECONDS)) {
                throw new ServoUnavailableException("Servo did not start within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServoUnavailableException("interrupted while Servo started", e);
        }
        if (startFailure != null) {
            throw new ServoUnavailableException("Servo failed to start: " + startFailure.getMessage(), startFailure);
        }
    }

    /**
     * Shuts Servo down on the engine thread and waits for it, within
     * {@value #SHUTDOWN_WAIT_SECONDS} s: run by the JVM's exit, before the native library's static
     * destructors, which crash the process if Servo still runs.
     */
    private void shutDown() {
        CompletableFuture<Void> done = submit(() -> {
            for (ServoView view : List.copyOf(views)) {
                view.detachForShutdown();
            }
            views.clear();
            shutDown = true;
            library.shutdown();
            return null;
        });
        try {
            done.get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("Servo did not shut down cleanly: " + e);
        }
    }

    /** Runs {@code task} on the engine thread; the future completes with its result or failure. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        commands.add(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        library.wake();
        return result;
    }

    /** Wakes the engine thread (values were published, say). Any thread; allocation-free. */
    void wake() {
        library.wake();
    }

    ServoLibrary library() {
        return library;
    }

    /** Engine thread: the view takes part in the loop from now on. */
    void attach(ServoView view) {
        views.add(view);
    }

    /** Engine thread: the view no longer takes part in the loop. */
    void detach(ServoView view) {
        views.remove(view);
    }

    /**
     * Pins the engine thread to {@link #cpus} before Servo starts: on Linux a thread starts with its
     * creator's CPUs, so every thread Servo and SpiderMonkey start from here, or from those, runs
     * on them too. Where pinning is refused, Servo runs on any CPU and says so.
     */
    private void pinToCpus() {
        List<Integer> wanted = cpus;
        if (wanted.isEmpty()) {
            return;
        }
        BitSet mask = new BitSet();
        wanted.forEach(mask::set);
        try {
            Affinity.setAffinity(mask);
            if (mask.equals(Affinity.getAffinity())) {
                return;
            }
            LOG.warning("Servo's threads run on any CPU: the affinity " + wanted + " did not take");
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("Servo's threads run on any CPU: pinning to " + wanted + " was refused: " + e);
        }
        cpus = List.of();
    }

    private void run() {
        pinToCpus();
        try {
            library.init();
        } catch (ServoException e) {
            startFailure = e;
            return;
        } finally {
            started.countDown();
        }
        while (!shutDown) {
            Runnable command;
            while ((command = commands.poll()) != null) {
                command.run();
            }
            if (shutDown) {
                return;
            }
            try {
                library.spin();
                for (int i = 0; i < views.size(); i++) {
                    views.get(i).pump();
                }
                library.await(IDLE_WAIT_MILLIS);
            } catch (RuntimeException e) {
                // A view's failure is its own (the view records it); the engine goes on.
                LOG.log(Level.WARNING, "Servo engine loop: " + e.getMessage(), e);
            }
        }
    }
}
