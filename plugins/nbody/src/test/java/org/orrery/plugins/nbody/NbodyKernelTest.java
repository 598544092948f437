package org.orrery.plugins.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelInstance;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.testing.BuiltPlugin;

/** The built plugin (target/classes: plugin.properties, kernel.json, both modules) run through the host. */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class NbodyKernelTest {

    @Parameter
    WasmEngine engine;

    private static final StepWatchdog WATCHDOG = new StepWatchdog();
    private static final int LANES = 8;

    @TempDir
    static Path plugins;
    private static ComputePlugin plugin;

    /** The plugin as PF4J installs it: a folder of the files the zip holds. */
    private static synchronized ComputePlugin plugin() {
        if (plugin == null) {
            plugin = BuiltPlugin.install(plugins, "nbody");
        }
        return plugin;
    }

    private KernelModule module(String file) {
        return file.contains("simd") ? plugin().simdModule(engine, WATCHDOG).orElseThrow()
                : plugin().module(engine, WATCHDOG);
    }

    /** Parameters: gravity, softening, time step, distribution, seed. */
    private static double[] parameters(double softening, double timeStep, int distribution, int seed) {
        return new double[] {1, softening, timeStep, distribution, seed};
    }

    private static void steps(KernelInstance kernel, MemorySegment state, int items, int steps) {
        for (int s = 0; s < steps; s++) {
            kernel.writeState(state);
            kernel.step(0, items, 1 / 60f);
            kernel.readState(0, items, state, 0);
        }
    }

    private static float lane(MemorySegment state, int body, int lane) {
        return state.getAtIndex(ValueLayout.JAVA_FLOAT, (long) body * LANES + lane);
    }

    /**
     * Two bodies of mass 1/2, one apart, each moving at 1/2 perpendicular to the line between
     * them: with G = 1 that is a circular orbit of period 2 pi about their centre of mass. The
     * plugin runs at least 256 bodies; the other 254 are massless and far away, so they pull on
     * nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nbody.wasm", "nbody-simd.wasm"})
    void twoBodiesOnACircularOrbitStayOnItAndCloseItAfterOnePeriod(String file) throws Exception {
        double timeStep = 0.001;
        int period = (int) Math.round(2 * Math.PI / timeStep);
        int items = 256;
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module(file).newInstance(items)) {
            MemorySegment state = arena.allocate((long) items * LANES * 4, 16);
            float[] pair = {-0.5f, 0, 0, 0.5f, 0, -0.5f, 0, 0, 0.5f, 0, 0, 0.5f, 0, 0.5f, 0, 0};
            MemorySegment.copy(pair, 0, state, ValueLayout.JAVA_FLOAT, 0, pair.length);
            for (int i = 2; i < items; i++) {
                state.setAtIndex(ValueLayout.JAVA_FLOAT, (long) i * LANES, 1000 + i);
            }
            kernel.writeParameters(parameters(0.001, timeStep, 0, 1));
            double minSeparation = 1;
            double maxSeparation = 1;
            for (int s = 0; s < period; s += 100) {
                steps(kernel, state, items, Math.min(100, period - s));
                double separation = Math.hypot(lane(state, 1, 0) - lane(state, 0, 0), lane(state, 1, 1) - lane(state, 0, 1));
                minSeparation = Math.min(minSeparation, separation);
                maxSeparation = Math.max(maxSeparation, separation);
            }
            assertThat(minSeparation).as("closest approach").isGreaterThan(0.99);
            assertThat(maxSeparation).as("widest separation").isLessThan(1.01);
            assertThat((double) lane(state, 0, 0)).as("x after one period").isCloseTo(-0.5, offset(0.01));
            assertThat((double) lane(state, 0, 1)).as("y after one period").isCloseTo(0, offset(0.01));
            assertThat(lane(state, 0, 0) + lane(state, 1, 0)).as("centre of mass stays put").isCloseTo(0f,
                    offset(1e-5f));
        }
    }

    /** Total energy of the state, in double: kinetic plus softened potential (as the kernel's force). */
    private static double energy(MemorySegment state, int items, double g, double softening) {
        double kinetic = 0;
        double potential = 0;
        for (int i = 0; i < items; i++) {
            double m = lane(state, i, 3);
            double vx = lane(state, i, 4);
            double vy = lane(state, i, 5);
            double vz = lane(state, i, 6);
            kinetic += 0.5 * m * (vx * vx + vy * vy + vz * vz);
            for (int j = i + 1; j < items; j++) {
                double dx = lane(state, j, 0) - lane(state, i, 0);
                double dy = lane(state, j, 1) - lane(state, i, 1);
                double dz = lane(state, j, 2) - lane(state, i, 2);
                potential -= g * m * lane(state, j, 3) / Math.sqrt(dx * dx + dy * dy + dz * dz + softening * softening);
            }
        }
        return kinetic + potential;
    }

    /** The summary values (kinetic, potential, momentum x, y, z) match the state the step read, computed here in double. */
    @ParameterizedTest
    @ValueSource(strings = {"nbody.wasm", "nbody-simd.wasm"})
    void summaryValuesAreTheEnergyAndMomentumOfTheStateTheStepRead(String file) throws Exception {
        int items = 512;
        double softening = 0.05;
        double[] parameters = parameters(softening, 0.002, 2, 7); // two clusters: a momentum that is not zero
        KernelModule module = module(file);
        assertThat(module.descriptor().summaries()).extracting(s -> s.name())
                .containsExactly("kinetic", "potential", "momentumX", "momentumY", "momentumZ");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(items)) {
            MemorySegment state = arena.allocate((long) items * LANES * 4, 16);
            module.startingState(KernelSize.items(items), parameters, state);
            kernel.writeParameters(parameters);
            steps(kernel, state, items, 20); // moving, not the start
            double kinetic = 0;
            double[] momentum = new double[3];
            for (int i = 0; i < items; i++) {
                double m = lane(state, i, 3);
                for (int axis = 0; axis < 3; axis++) {
                    double v = lane(state, i, 4 + axis);
                    kinetic += 0.5 * m * v * v;
                    momentum[axis] += m * v;
                }
            }
            double potential = energy(state, items, 1, softening) - kinetic;
            kernel.writeState(state);
            double[] whole = {0, 0, 0, 0, 0};
            for (int first = 0; first < items; first += 100) { // five ranges, their parts added
                kernel.step(first, Math.min(100, items - first), 1 / 60f);
                kernel.addSummary(whole);
            }
            assertThat(whole[0]).as("kinetic").isCloseTo(kinetic, offset(1e-5 * Math.abs(kinetic)));
            assertThat(whole[1]).as("potential").isCloseTo(potential, offset(1e-5 * Math.abs(potential)));
            for (int axis = 0; axis < 3; axis++) {
                assertThat(whole[2 + axis]).as("momentum %d", axis).isCloseTo(momentum[axis], offset(1e-6));
            }
            assertThat(Math.abs(momentum[0])).as("the clusters move").isGreaterThan(1e-3);
        }
    }

    /** The drift over 1,000 steps of each starting distribution, at the defaults of kernel.json. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void energyDriftOverAThousandStepsStaysSmall(int distribution) throws Exception {
        int items = 256;
        double softening = 0.05;
        double[] parameters = parameters(softening, 0.002, distribution, 42);
        KernelModule module = module("nbody.wasm");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(items)) {
            MemorySegment state = arena.allocate((long) items * LANES * 4, 16);
            module.startingState(KernelSize.items(items), parameters, state);
            double before = energy(state, items, 1, softening);
            kernel.writeParameters(parameters);
            steps(kernel, state, items, 1000);
            double drift = Math.abs(energy(state, items, 1, softening) - before) / Math.abs(before);
            System.out.printf("nbody: distribution %d, N = %d, energy %.6f, relative drift over 1000 steps %.2e%n",
                    distribution, items, before, drift);
            assertThat(before).as("a bound system").isNegative();
            assertThat(drift).as("relative energy drift").isLessThan(0.01);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aStartIsReproducibleWhateverTheRangesAndChangesWithTheSeed(int distribution) throws Exception {
        int items = 500;
        KernelModule module = module("nbody.wasm");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(items)) {
            long bytes = (long) items * LANES * 4;
            MemorySegment whole = arena.allocate(bytes, 16);
            MemorySegment again = arena.allocate(bytes, 16);
            MemorySegment split = arena.allocate(bytes, 16);
            MemorySegment otherSeed = arena.allocate(bytes, 16);
            module.startingState(KernelSize.items(items), parameters(0.05, 0.002, distribution, 7), whole);
            module.startingState(KernelSize.items(items), parameters(0.05, 0.002, distribution, 7), again);
            kernel.writeParameters(parameters(0.05, 0.002, distribution, 7));
            kernel.reset(0, 123);
            kernel.reset(123, items - 123);
            kernel.readState(0, items, split, 0);
            module.startingState(KernelSize.items(items), parameters(0.05, 0.002, distribution, 8), otherSeed);
            assertThat(whole.mismatch(again)).as("same seed, same start").isEqualTo(-1);
            assertThat(whole.mismatch(split)).as("cut into two ranges").isEqualTo(-1);
            assertThat(whole.mismatch(otherSeed)).as("another seed").isNotEqualTo(-1);
            double mass = 0;
            for (int i = 0; i < items; i++) {
                mass += lane(whole, i, 3);
                double r = Math.sqrt(Math.pow(lane(whole, i, 0), 2) + Math.pow(lane(whole, i, 1), 2));
                if (distribution == 0) {
                    assertThat(r).as("disc body %d inside the annulus", i).isBetween(0.1 - 1e-6, 1 + 1e-6);
                }
            }
            assertThat(mass).as("total mass").isCloseTo(1, offset(1e-4));
        }
    }

    @Test
    void parametersTheKernelCannotUseStopItWithTheReason() throws Exception {
        KernelModule module = module("nbody.wasm");
        KernelInstance noSoftening = module.newInstance(256);
        noSoftening.writeParameters(parameters(0, 0.002, 0, 1));
        assertThatThrownBy(() -> noSoftening.step(0, 256, 0.01f)).isInstanceOf(KernelFault.class)
                .hasMessageContaining("plugin 'nbody'").hasMessageContaining("ERROR_PARAMETER");
        KernelInstance noSuchStart = module.newInstance(256);
        noSuchStart.writeParameters(parameters(0.05, 0.002, 3, 1));
        assertThatThrownBy(() -> noSuchStart.reset(0, 256)).isInstanceOf(KernelFault.class)
                .hasMessageContaining("orrery_reset(0, 256) returned -2");
        assertThatThrownBy(() -> module.newInstance(100)).hasMessageContaining("100 items is outside the item count [256, 16384]");
    }
}
