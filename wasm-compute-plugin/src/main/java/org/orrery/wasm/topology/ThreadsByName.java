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
 * Keeps threads of this process that Orrery does not start, found by name, to given CPUs: JavaFX's
 * application and renderer threads, which run no code of ours to pin themselves with. Linux only
 * (threads listed in {@code /proc/self/task}, {@code sched_setaffinity} called through FFM);
 * elsewhere it pins nothing.
 */
public final class ThreadsByName {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** The kernel keeps a thread's name to its first 15 bytes. */
    private static final int NAME_BYTES = 15;
    private static final int CPU_SET_BYTES = 128;
    private static final Optional<MethodHandle> SCHED_SETAFFINITY = Linker.nativeLinker().defaultLookup()
            .find("sched_setaffinity")
            .map(address -> Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS)));

    private ThreadsByName() {
    }

    /**
     * Keeps every thread whose name starts with {@code name} to {@code cpus}.
     *
     * @return how many threads were pinned; 0 where there is none of that name, or on another OS
     * @throws IOException if the threads cannot be listed or one refuses the CPUs
     */
    public static int pin(String name, List<Integer> cpus) throws IOException {
        if (SCHED_SETAFFINITY.isEmpty() || !Files.isDirectory(TASKS) || cpus.isEmpty()) {
            return 0;
        }
        String prefix = name.length() > NAME_BYTES ? name.substring(0, NAME_BYTES) : name;
        int pinned = 0;
        try (Stream<Path> tasks = Files.list(TASKS); Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(CPU_SET_BYTES);
            for (int cpu : cpus) {
                if (cpu < 0 || cpu >= CPU_SET_BYTES * 8) {
                    throw new IllegalArgumentException("no such CPU: " + cpu);
                }
                set.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (set.get(ValueLayout.JAVA_BYTE, cpu / 8) | 1 << (cpu % 8)));
            }
            for (Path task : tasks.toList()) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException ended) {
                    continue; // the thread ended while we looked
                }
                if (!comm.startsWith(prefix)) {
                    continue;
                }
                int tid = Integer.parseInt(task.getFileName().toString());
                int result = (int) SCHED_SETAFFINITY.get().invokeExact(tid, (long) CPU_SET_BYTES, set);
                if (result != 0) {
                    throw new IOException("thread " + comm + " (" + tid + ") refused CPUs " + cpus);
                }
                pinned++;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("sched_setaffinity failed: " + t, t);
        }
        return pinned;
    }
}
