package org.orrery.wasm.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which CPUs do what (DESIGN.md, "Threads"): the first physical core for the JavaFX thread and the
 * OS, the next half of the cores for WebAssembly workers, the rest for layout and render helpers.
 * Hardware threads of one core always get the same role. On small machines it shrinks: with two
 * cores, the UI core also renders and the other core computes; with one, everything shares it.
 *
 * @param ui CPUs of the JavaFX thread and the OS
 * @param workers one WebAssembly worker per CPU here
 * @param render CPUs of the layout and render helpers
 */
public record CorePartition(List<Integer> ui, List<Integer> workers, List<Integer> render) {

    public CorePartition {
        ui = List.copyOf(ui);
        workers = List.copyOf(workers);
        render = List.copyOf(render);
    }

    /** The default partition of a topology. */
    public static CorePartition of(CpuTopology topology) {
        List<List<Cpu>> cores = topology.cores();
        List<Integer> ui = ids(cores.subList(0, 1));
        if (cores.size() == 1) {
            return new CorePartition(ui, ui, ui);
        }
        int workerCores = Math.min(cores.size() - 1, Math.max(1, cores.size() / 2));
        List<Integer> workers = ids(cores.subList(1, 1 + workerCores));
        List<Integer> rest = ids(cores.subList(1 + workerCores, cores.size()));
        return new CorePartition(ui, workers, rest.isEmpty() ? ui : rest);
    }

    /**
     * The default partition with the workers' CPUs given by configuration (a CPU list such as
     * {@code 2-5}). CPUs that are not online are refused.
     */
    public static CorePartition withWorkers(CpuTopology topology, String workerCpus) {
        List<Integer> chosen = CpuList.parse(workerCpus);
        List<Integer> online = topology.cpus().stream().map(Cpu::id).toList();
        for (int cpu : chosen) {
            if (!online.contains(cpu)) {
                throw new IllegalArgumentException("worker CPU " + cpu + " is not online (online: " + online + ")");
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("the worker CPU list is empty");
        }
        CorePartition defaults = of(topology);
        return new CorePartition(defaults.ui(), chosen, defaults.render());
    }

    /** Every CPU the partition gives a role, in order. */
    public List<Integer> all() {
        return Stream.of(ui, workers, render).flatMap(List::stream).distinct().sorted().toList();
    }

    private static List<Integer> ids(List<List<Cpu>> cores) {
        List<Integer> ids = new ArrayList<>();
        cores.forEach(core -> core.forEach(cpu -> ids.add(cpu.id())));
        return ids;
    }
}
