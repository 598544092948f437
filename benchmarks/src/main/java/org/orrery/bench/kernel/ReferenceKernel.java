package org.orrery.bench.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.api.kernel.ParameterSpec;

/**
 * The reference kernels of {@code benchmarks/kernels}: their descriptors and the seeded initial
 * state that every driver (native, V8, Node's pipeline, Chicory, the host) starts from.
 */
enum ReferenceKernel {
    NBODY("""
            { "id": "nbody-reference", "version": "1.0.0", "name": "n-body reference", "abi": 1,
              "module": "nbody.wasm", "items": { "default": 1024, "min": 1, "max": 65536 },
              "state": { "element": "f32", "lanes": 4 },
              "parameters": [
                { "name": "gravity", "type": "real", "min": 0, "max": 10, "default": 1 },
                { "name": "softening", "type": "real", "min": 0, "max": 1, "default": 0.05 } ],
              "budget": { "memoryMiB": 64, "stepMillis": 10000 } }
            """),
    HEAT("""
            { "id": "heat-reference", "version": "1.0.0", "name": "heat reference", "abi": 1,
              "module": "heat.wasm", "items": { "default": 1048576, "min": 1, "max": 4194304 },
              "state": { "element": "f32", "lanes": 1 },
              "parameters": [ { "name": "diffusivity", "type": "real", "min": 0, "max": 10, "default": 1 } ],
              "budget": { "memoryMiB": 64, "stepMillis": 10000 } }
            """);

    private final String descriptorJson;

    ReferenceKernel(String descriptorJson) {
        this.descriptorJson = descriptorJson;
    }

    /** {@code nbody} or {@code heat}. */
    static ReferenceKernel named(String name) {
        return switch (name) {
            case "nbody" -> NBODY;
            case "heat" -> HEAT;
            default -> throw new IllegalArgumentException("kernel kind must be nbody or heat, was " + name);
        };
    }

    KernelDescriptor descriptor() {
        try {
            return KernelDescriptorReader.read(descriptorJson, "reference");
        } catch (DescriptorException e) {
            throw new IllegalStateException("the reference descriptor is broken", e);
        }
    }

    /** The parameters every driver sets: the descriptor's defaults (gravity and softening, or diffusivity). */
    double[] parameters() {
        return descriptor().parameters().stream().mapToDouble(ParameterSpec::defaultValue).toArray();
    }

    /** The initial state, the same pseudo-random floats in [-0.5, 0.5) as the C and JS drivers. */
    MemorySegment initialState(Arena arena, int items) {
        long floats = (long) items * descriptor().state().lanes();
        MemorySegment state = arena.allocate(floats * Float.BYTES, 16);
        int seed = 12345;
        for (long i = 0; i < floats; i++) {
            seed = seed * 1103515245 + 12345;
            state.setAtIndex(ValueLayout.JAVA_FLOAT, i, ((seed >>> 8) & 0xffff) / 65536f - 0.5f);
        }
        return state;
    }
}
