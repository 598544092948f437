package org.orrery.bench.pipeline;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.ring.ControlType;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;

/**
 * The whole memory pipeline end to end, with no window: a frame driver publishes ticks on the
 * control ring at display rate; a compute stage steps particles and publishes through the arena's
 * compute triple buffer; a layout stage projects them into the layout triple buffer; a presenter
 * swaps in the newest layout frame at display rate. It prints, once a second, how long after its
 * tick each frame was presented and how steady the frame interval is.
 *
 * <p>This is what {@code scripts/run} starts until the JavaFX shell exists.
 */
public final class PipelineDemo {

    private static final String USAGE = """
            usage: scripts/run [--seconds S] [--particles N] [--rate HZ]
              --seconds S     how long to run (default 10; 1 to 86400)
              --particles N   particles per frame (default 200000; 1 to 20000000)
              --rate HZ       ticks and presents per second (default 60; 1 to 1000)
            """;

    private PipelineDemo() {}

    public static void main(String[] args) throws InterruptedException {
        int seconds = 10;
        int particles = 200_000;
        int rate = 60;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds" -> seconds = intArg(args, ++i, "--seconds", 1, 86_400);
                    case "--particles" -> particles = intArg(args, ++i, "--particles", 1, 20_000_000);
                    case "--rate" -> rate = intArg(args, ++i, "--rate", 1, 1_000);
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("orrery: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        run(seconds, particles, rate);
    }

    private static int intArg(String[] args, int i, String name, int min, int max) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        int value;
        try {
            value = Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + args[i] + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static void run(int seconds, int particles, int rate) throws InterruptedException {
        long computeBytes = FrameHeader.PAYLOAD + particles * ComputeStage.STRIDE;
        long layoutBytes = FrameHeader.PAYLOAD + particles * LayoutStage.STRIDE;
        ArenaLayout layout = ArenaLayout.packed(computeBytes, layoutBytes, 0);
        System.out.printf("Orrery pipeline demo: %d particles, %d Hz, %d s; arena %.1f MiB (%d cores)%n",
                particles, rate, seconds, layout.totalBytes() / 1048576.0, Runtime.getRuntime().availableProcessors());
        try (SharedArena arena = SharedArena.allocate(layout)) {
            TripleBuffer computeBuffer = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            TripleBuffer layoutBuffer = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            ComputeStage compute = new ComputeStage(computeBuffer, particles, 42);
            ControlRing ring = new ControlRing(256, ProducerType.SINGLE, WaitPolicy.BLOCKING, compute);
            LayoutStage layoutStage = new LayoutStage(computeBuffer, layoutBuffer, particles, 1280, 720);

            long period = 1_000_000_000L / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            Presenter presenter = new Presenter(layoutBuffer, computeBuffer, rate, start, seconds);
            Thread computeThread = new Thread(ring.consumer(), "compute");
            Thread layoutThread = new Thread(layoutStage, "layout");
            Thread presenterThread = new Thread(presenter, "present");
            computeThread.start();
            layoutThread.start();
            presenterThread.start();

            long ticks = (long) seconds * rate;
            long skippedTicks = 0;
            for (long frame = 0; frame < ticks; frame++) {
                LockSupport.parkNanos(start + frame * period - System.nanoTime());
                if (!ring.publishTick(frame, period, 0, 0, 0)) {
                    skippedTicks++; // compute is a whole ring behind: skip rather than queue
                }
            }
            ring.publishCommand(ControlType.SHUTDOWN, TimeUnit.SECONDS.toNanos(5));
            Thread.sleep(3 * period / 1_000_000 + 1);

            presenter.stop();
            layoutStage.stop();
            ring.consumer().halt();
            presenterThread.join();
            layoutThread.join();
            computeThread.join();
            presenter.summary();
            if (skippedTicks > 0) {
                System.out.printf("  %d ticks not sent: the control ring was full%n", skippedTicks);
            }
            if (presenter.presented() == 0) {
                System.err.println("orrery: no frame reached the presenter");
                System.exit(1);
            }
        }
    }
}
