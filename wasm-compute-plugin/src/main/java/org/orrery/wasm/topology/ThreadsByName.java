package org.orrery.wasm.topology;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Places threads of this process that Orrery does not start, found by name: keeps them to given
 * CPUs (JavaFX's application and renderer threads, which run no code of ours to pin themselves
 * with) or lowers their priority (the JVM's compiler and concurrent collector threads). Linux only
 * (threads listed in {@code /proc/self/task}, {@code sched_setaffinity}, {@code setpriority} and
 * {@code sched_setscheduler} called through FFM); elsewhere it does nothing.
 */
public final class ThreadsByName {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** The kernel keeps a thread's name to its first 15 bytes. */
    private static final int NAME_BYTES = 15;
    private static final int CPU_SET_BYTES = 128;
    /** {@code setpriority}'s {@code which} for one thread (Linux takes a thread id as a process id). */
    private static final int PRIO_PROCESS = 0;
    private static final Optional<MethodHandle> SCHED_SETAFFINITY = downcall("sched_setaffinity",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final Optional<MethodHandle> SETPRIORITY = downcall("setpriority",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** Linux's policy for threads that run only when a CPU has nothing else to run. */
    private static final int SCHED_IDLE = 5;
    private static final Optional<MethodHandle> SCHED_SETSCHEDULER = downcall("sched_setscheduler",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** What to do to one thread, by its id; returns the call's result, 0 for success. */
    private interface ThreadCall {
        int apply(int tid) throws Throwable;
    }

    private ThreadsByName() {
    }

    /**
     * Keeps every thread whose name starts with {@code name} to {@code cpus}.
     *
     * @return how many threads were pinned; 0 where there is none of that name, or on another OS
     * @throws IOException if the threads cannot be listed or one refuses the CPUs
     */
    public static int pin(String name, List<Integer> cpus) throws IOException {
        if (SCHED_SETAFFINITY.isEmpty() || cpus.isEmpty()) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(CPU_SET_BYTES);
            for (int cpu : cpus) {
                if (cpu < 0 || cpu >= CPU_SET_BYTES * 8) {
                    throw new IllegalArgumentException("no such CPU: " + cpu);
                }
                set.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (set.get(ValueLayout.JAVA_BYTE, cpu / 8) | 1 << (cpu % 8)));
            }
            return forEach(List.of(name), "CPUs " + cpus,
                    tid -> (int) SCHED_SETAFFINITY.get().invokeExact(tid, (long) CPU_SET_BYTES, set));
        }
    }

    /**
     * Sets the nice value of every thread whose name starts with one of {@code names}: from 0 (as
     * started) to 19 (the least share of a contended CPU). Raising a thread above 0 needs a
     * privilege this process need not have.
     *
     * @return how many threads were changed; 0 where there is none of those names, or on another OS
     * @throws IOException if the threads cannot be listed or one refuses the value
     */
    public static int renice(List<String> names, int nice) throws IOException {
        if (SETPRIORITY.isEmpty()) {
            return 0;
        }
        return forEach(names, "nice " + nice, tid -> (int) SETPRIORITY.get().invokeExact(PRIO_PROCESS, tid, nice));
    }

    /**
     * Puts every thread whose name starts with one of {@code names} under Linux's idle policy
     * ({@code SCHED_IDLE}): it runs only on a CPU that no other thread wants, and a thread of the
     * ordinary policy that wakes takes the CPU from it at once, where a thread at nice 19 would
     * still get a share. Needs no privilege.
     *
     * @return how many threads were changed; 0 where there is none of those names, or on another OS
     * @throws IOException if the threads cannot be listed or one refuses the policy
     */
    public static int toIdlePolicy(List<String> names) throws IOException {
        if (SCHED_SETSCHEDULER.isEmpty()) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment priority = arena.allocate(ValueLayout.JAVA_INT); // struct sched_param: 0, as the policy wants
            return forEach(names, "the idle policy",
                    tid -> (int) SCHED_SETSCHEDULER.get().invokeExact(tid, SCHED_IDLE, priority));
        }
    }

    private static int forEach(List<String> names, String what, ThreadCall call) throws IOException {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        List<String> prefixes = names.stream().map(n -> n.length() > NAME_BYTES ? n.substring(0, NAME_BYTES) : n).toList();
        int done = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException ended) {
                    continue; // the thread ended while we looked
                }
                if (prefixes.stream().noneMatch(comm::startsWith)) {
                    continue;
                }
                int tid = Integer.parseInt(task.getFileName().toString());
                if (call.apply(tid) != 0) {
                    throw new IOException("thread " + comm + " (" + tid + ") refused " + what);
                }
                done++;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setting " + what + " failed: " + t, t);
        }
        return done;
    }

    private static Optional<MethodHandle> downcall(String function, FunctionDescriptor signature) {
        return Linker.nativeLinker().defaultLookup().find(function)
                .map(address -> Linker.nativeLinker().downcallHandle(address, signature));
    }
}
