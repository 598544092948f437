package org.orrery.wasm.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topology detection and partitioning on fake sysfs trees. */
class CpuTopologyTest {

    @TempDir
    Path sys;

    /** Writes a fake sysfs: cpu i has the given package and core; nodes map node id to CPU list text. */
    private void fake(String online, int[] packages, int[] cores, String... nodeCpuLists) throws IOException {
        Path cpu = sys.resolve("devices/system/cpu");
        Files.createDirectories(cpu);
        Files.writeString(cpu.resolve("online"), online + "\n");
        for (int i = 0; i < cores.length; i++) {
            Path topology = cpu.resolve("cpu" + i + "/topology");
            Files.createDirectories(topology);
            Files.writeString(topology.resolve("physical_package_id"), packages[i] + "\n");
            Files.writeString(topology.resolve("core_id"), cores[i] + "\n");
        }
        for (int n = 0; n < nodeCpuLists.length; n++) {
            Path node = sys.resolve("devices/system/node/node" + n);
            Files.createDirectories(node);
            Files.writeString(node.resolve("cpulist"), nodeCpuLists[n] + "\n");
        }
    }

    @Test
    void twoCoresOneNodeGiveOneWorkerAndTheUiCoreRenders() throws IOException {
        fake("0-1", new int[] {0, 0}, new int[] {0, 1});
        CpuTopology topology = CpuTopology.read(sys);
        assertThat(topology.cpus()).containsExactly(new Cpu(0, 0, 0, 0), new Cpu(1, 0, 1, 0));
        assertThat(topology.nodeCount()).isEqualTo(1);
        assertThat(CorePartition.of(topology)).isEqualTo(new CorePartition(List.of(0), List.of(1), List.of(0)));
        assertThat(CorePartition.of(topology).all()).as("any CPU, for threads let go").containsExactly(0, 1);
    }

    @Test
    void oneCoreSharesEverything() throws IOException {
        fake("0", new int[] {0}, new int[] {0});
        assertThat(CorePartition.of(CpuTopology.read(sys)))
                .isEqualTo(new CorePartition(List.of(0), List.of(0), List.of(0)));
    }

    @Test
    void twoNodesOfEightCoresGiveHalfTheCoresToWorkers() throws IOException {
        int[] packages = new int[16];
        int[] cores = new int[16];
        for (int i = 0; i < 16; i++) {
            packages[i] = i / 8;
            cores[i] = i % 8;
        }
        fake("0-15", packages, cores, "0-7", "8-15");
        CpuTopology topology = CpuTopology.read(sys);
        assertThat(topology.nodeCount()).isEqualTo(2);
        assertThat(topology.cpus().get(9).node()).isEqualTo(1);
        CorePartition partition = CorePartition.of(topology);
        assertThat(partition.ui()).containsExactly(0);
        assertThat(partition.workers()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(partition.render()).containsExactly(9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void smtSiblingsAlwaysShareARole() throws IOException {
        // Four cores with two threads each; siblings are i and i + 4, as Linux numbers them.
        fake("0-7", new int[8], new int[] {0, 1, 2, 3, 0, 1, 2, 3}, "0-7");
        CpuTopology topology = CpuTopology.read(sys);
        assertThat(topology.cores()).hasSize(4);
        assertThat(topology.cpus().get(0).sharesCoreWith(topology.cpus().get(4))).isTrue();
        CorePartition partition = CorePartition.of(topology);
        assertThat(partition.ui()).containsExactly(0, 4);
        assertThat(partition.workers()).containsExactly(1, 5, 2, 6);
        assertThat(partition.render()).containsExactly(3, 7);
    }

    @Test
    void workersCanBeChosenByConfiguration() throws IOException {
        fake("0-3", new int[4], new int[] {0, 1, 2, 3});
        CpuTopology topology = CpuTopology.read(sys);
        assertThat(CorePartition.withWorkers(topology, "2-3").workers()).containsExactly(2, 3);
        assertThatThrownBy(() -> CorePartition.withWorkers(topology, "2,9")).hasMessageContaining("worker CPU 9 is not online");
        assertThatThrownBy(() -> CorePartition.withWorkers(topology, "two")).hasMessageContaining("'two' in CPU list");
    }

    @Test
    void missingTopologyFilesMakeEachCpuItsOwnCore() throws IOException {
        Files.createDirectories(sys.resolve("devices/system/cpu"));
        Files.writeString(sys.resolve("devices/system/cpu/online"), "0-2");
        CpuTopology topology = CpuTopology.read(sys);
        assertThat(topology.cores()).hasSize(3);
        assertThat(topology.nodeCount()).isEqualTo(1);
    }

    @Test
    void parsesCpuLists() {
        assertThat(CpuList.parse("0-3,8,10-11\n")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuList.parse("")).isEmpty();
        assertThatThrownBy(() -> CpuList.parse("3-1")).hasMessageContaining("'3-1'");
    }

    @Test
    void readsThisMachine() throws IOException {
        CpuTopology topology = CpuTopology.detect();
        // At least as many as the JVM may use: a CPU quota or affinity mask can only lower that.
        assertThat(topology.cpus().size()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
