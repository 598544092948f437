package org.orrery.plugins.density;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given as a data file are sniffed without failing: a format, or a LoadException naming
 * the file; the line counts are consistent. Replays the committed corpus (DataSniffFuzzTestInputs)
 * in every run, and fuzzes for 15 s where JAZZER_FUZZ=1 (the test command).
 */
class DataSniffFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void anyBytesAreSniffedOrRefusedNamingTheFile(FuzzedDataProvider data) throws IOException {
        boolean cut = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        TextShare share = TextShare.of(bytes, cut);
        long newlines = 0;
        for (byte b : bytes) {
            newlines += b == '\n' ? 1 : 0;
        }
        if (share.badLines() < 0 || share.badLines() > share.lines() || share.lines() > newlines + 1) {
            throw new AssertionError("inconsistent " + share + " for " + bytes.length + " bytes, " + newlines + " newlines");
        }
        Path file = Files.createTempFile("orrery-sniff-fuzz-", ".csv");
        try {
            Files.write(file, bytes);
            DataFormat.detect(file);
        } catch (LoadException refused) {
            if (!refused.getMessage().startsWith(file.getFileName().toString())) {
                throw new AssertionError("a refusal must name the file: " + refused.getMessage());
            }
        } finally {
            Files.delete(file);
        }
    }
}
