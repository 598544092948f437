package org.orrery.api.kernel;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text at all given as a descriptor is either read or refused with a {@link DescriptorException}:
 * never another exception, a stack overflow, or a hang. Replays the committed corpus
 * (DescriptorFuzzTestInputs) in every run, and fuzzes for 15 s where JAZZER_FUZZ=1 (the test command).
 */
class DescriptorFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void anyTextIsReadOrRefusedCleanly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            KernelDescriptorReader.read(text, "fuzz");
        } catch (DescriptorException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith("fuzz")) {
                throw new AssertionError("a refusal must name the descriptor: " + expected.getMessage());
            }
        }
    }
}
