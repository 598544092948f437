package org.orrery.wasm.topology;

/**
 * One logical CPU.
 *
 * @param core the physical core it belongs to (SMT siblings share it), unique within its package
 * @param node its NUMA node; 0 on machines with one
 */
public record Cpu(int id, int packageId, int core, int node) {

    /** Whether the two are hardware threads of one physical core. */
    public boolean sharesCoreWith(Cpu other) {
        return packageId == other.packageId && core == other.core;
    }
}
