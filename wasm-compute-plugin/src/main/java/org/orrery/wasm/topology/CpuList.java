package org.orrery.wasm.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The kernel's CPU list format, as in {@code /sys/devices/system/cpu/online}: {@code 0-3,8,10-11}. */
public final class CpuList {

    private CpuList() {}

    /**
     * @return the CPUs, ascending, without duplicates
     * @throws IllegalArgumentException naming the part that is not a CPU number or range
     */
    public static List<Integer> parse(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        for (String part : trimmed.split(",")) {
            String[] bounds = part.strip().split("-", -1);
            try {
                int from = Integer.parseInt(bounds[0].strip());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : from;
                if (bounds.length > 2 || from < 0 || to < from || to - from > 65_536) {
                    throw new NumberFormatException();
                }
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.strip() + "' in CPU list '" + trimmed
                        + "' is not a CPU number or a range such as 2-5");
            }
        }
        return new ArrayList<>(cpus);
    }
}
