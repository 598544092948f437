package org.orrery.api.kernel;

import java.util.List;
import java.util.Optional;

/**
 * What a compute plugin declares about its kernel, read from its {@code kernel.json} by
 * {@link KernelDescriptorReader}. The format, for people, is in {@code plugin-api/README.md}.
 *
 * @param id stable identifier: lower-case letters, digits and '-', starting with a letter
 * @param version the plugin's own version, {@code MAJOR.MINOR.PATCH}
 * @param abiVersion the {@link KernelAbi} version the module implements
 * @param module file name of the scalar module, beside the descriptor
 * @param simdModule file name of the SIMD build, if there is one
 * @param items the item count: default and allowed range
 * @param parameters in the order the kernel reads them from its parameter block
 * @param buffer the kernel's parameter buffer, if it has one
 * @param memoryBudgetBytes the most linear memory one instance may have
 * @param stepBudgetMillis the longest one step call may run before it is stopped
 * @param summaries the values each step publishes beside the state, in the order of the kernel's
 *     summary block; empty if it publishes none
 * @param panel the plugin's web panel, an HTML file under the plugin's folder ({@code panel/index.html}),
 *     drawn by Servo beside the plugin's view and handed each frame's values; optional
 */
public record KernelDescriptor(String id, String version, String name, String description, int abiVersion,
                               String module, Optional<String> simdModule, ItemCount items, StateLayout state,
                               List<ParameterSpec> parameters, Optional<BufferSpec> buffer, List<SummarySpec> summaries,
                               long memoryBudgetBytes, long stepBudgetMillis, Optional<String> panel) {

    public KernelDescriptor {
        parameters = List.copyOf(parameters);
        summaries = List.copyOf(summaries);
    }

    /** The allowed item counts and the default; for a grid, the cells of the default and largest grids. */
    public record ItemCount(int defaultCount, int min, int max) {}

    /** Bytes of state for {@code itemCount} items. */
    public long stateBytes(int itemCount) {
        return (long) itemCount * state.stride();
    }
}
