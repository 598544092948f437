package org.orrery.plugins.density;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** The kinds of file the loader reads, told apart by their first bytes and then their name. */
public enum DataFormat {
    CSV,
    TSV,
    PARQUET;

    private static final int SNIFF_BYTES = 64 * 1024;
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    /**
     * The file's format: Parquet by its magic bytes; otherwise text, TSV when named .tsv or .tab,
     * else CSV (DuckDB still detects the delimiter).
     *
     * @throws LoadException if the file is missing, empty, or neither Parquet nor text
     */
    public static DataFormat detect(Path file) throws LoadException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (NoSuchFileException e) {
            throw new LoadException(file, "no such file");
        } catch (IOException e) {
            throw new LoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (head.length == 0) {
            throw new LoadException(file, "the file is empty");
        }
        if (head.length >= 4 && head[0] == PARQUET_MAGIC[0] && head[1] == PARQUET_MAGIC[1]
                && head[2] == PARQUET_MAGIC[2] && head[3] == PARQUET_MAGIC[3]) {
            return PARQUET;
        }
        TextShare text = TextShare.of(head, head.length == SNIFF_BYTES);
        if (!text.isText()) {
            throw new LoadException(file, "not a text file (CSV or TSV) nor a Parquet file" + (text.badLines() == 0 ? ""
                    : String.format(Locale.ROOT, ": %d of the %d lines in its first %d KiB are not text (at most %.0f%% may be)",
                            text.badLines(), text.lines(), SNIFF_BYTES / 1024, TextShare.MAX_BAD_SHARE * 100)));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tsv") || name.endsWith(".tab") ? TSV : CSV;
    }
}
