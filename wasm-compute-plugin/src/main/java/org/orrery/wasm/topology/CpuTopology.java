package org.orrery.wasm.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine's logical CPUs, their physical cores and NUMA nodes, read from sysfs
 * ({@code devices/system/cpu} and {@code devices/system/node}). Reading from a given root lets
 * tests use fake trees. A CPU whose topology files are missing counts as a core of its own;
 * a machine without {@code devices/system/node} has one node.
 */
public final class CpuTopology {

    private final List<Cpu> cpus;

    public CpuTopology(List<Cpu> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a topology needs at least one CPU");
        }
        this.cpus = cpus.stream().sorted(Comparator.comparingInt(Cpu::id)).toList();
    }

    /** The running machine's topology. */
    public static CpuTopology detect() throws IOException {
        return read(Path.of("/sys"));
    }

    /** Reads a sysfs tree rooted at {@code sys} (normally {@code /sys}). */
    public static CpuTopology read(Path sys) throws IOException {
        Path cpuDir = sys.resolve("devices/system/cpu");
        List<Integer> online = CpuList.parse(Files.readString(cpuDir.resolve("online")));
        Map<Integer, Integer> nodeOf = nodes(sys.resolve("devices/system/node"));
        List<Cpu> cpus = new ArrayList<>();
        for (int id : online) {
            Path topology = cpuDir.resolve("cpu" + id).resolve("topology");
            int packageId = intFile(topology.resolve("physical_package_id"), 0);
            int core = intFile(topology.resolve("core_id"), -1 - id); // unknown: a core of its own
            cpus.add(new Cpu(id, packageId, core, nodeOf.getOrDefault(id, 0)));
        }
        return new CpuTopology(cpus);
    }

    private static Map<Integer, Integer> nodes(Path nodeDir) throws IOException {
        Map<Integer, Integer> nodeOf = new HashMap<>();
        if (!Files.isDirectory(nodeDir)) {
            return nodeOf;
        }
        try (Stream<Path> entries = Files.list(nodeDir)) {
            for (Path node : entries.filter(p -> p.getFileName().toString().matches("node\\d+")).toList()) {
                int id = Integer.parseInt(node.getFileName().toString().substring(4));
                Path cpulist = node.resolve("cpulist");
                if (Files.exists(cpulist)) {
                    for (int cpu : CpuList.parse(Files.readString(cpulist))) {
                        nodeOf.put(cpu, id);
                    }
                }
            }
        }
        return nodeOf;
    }

    private static int intFile(Path file, int missing) throws IOException {
        if (!Files.exists(file)) {
            return missing;
        }
        String text = Files.readString(file).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + text + "', not a number", e);
        }
    }

    public List<Cpu> cpus() {
        return cpus;
    }

    /** Physical cores, each as the list of its logical CPUs, ordered by node, package and core. */
    public List<List<Cpu>> cores() {
        Map<String, List<Cpu>> byCore = new LinkedHashMap<>();
        cpus.stream()
                .sorted(Comparator.comparingInt(Cpu::node).thenComparingInt(Cpu::packageId).thenComparingInt(Cpu::id))
                .forEach(cpu -> byCore.computeIfAbsent(cpu.packageId() + "/" + cpu.core(), k -> new ArrayList<>()).add(cpu));
        return List.copyOf(byCore.values());
    }

    /** Number of distinct NUMA nodes. */
    public int nodeCount() {
        return (int) cpus.stream().mapToInt(Cpu::node).distinct().count();
    }
}
