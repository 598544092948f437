package org.orrery.plugins.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointLoaderTest {

    private static final int ROWS = 40_000;
    private static final PointLoader.Progress QUIET = (stage, fraction) -> { };

    @TempDir
    static Path dir;
    private static Path sample;

    @BeforeAll
    static void writeSample() throws Exception {
        sample = dir.resolve("pickups.csv");
        SampleTaxiPickups.write(sample, ROWS, 7, (done, total) -> { });
    }

    private static float x(PointTable t, int i) {
        return t.records().get(ValueLayout.JAVA_FLOAT, i * PointTable.RECORD_BYTES);
    }

    private static float y(PointTable t, int i) {
        return t.records().get(ValueLayout.JAVA_FLOAT, i * PointTable.RECORD_BYTES + 4);
    }

    private static float w(PointTable t, int i) {
        return t.records().get(ValueLayout.JAVA_FLOAT, i * PointTable.RECORD_BYTES + 8);
    }

    @Test
    void loadsEveryRowSortedByYWithItsBoundsAndReportsProgress() throws Exception {
        List<String> stages = new ArrayList<>();
        double[] last = {0};
        try (PointTable t = new PointLoader(1 << 24).load(PointQuery.of(sample, "longitude", "latitude"),
                (stage, fraction) -> {
                    if (stages.isEmpty() || !stages.getLast().equals(stage)) {
                        stages.add(stage);
                    }
                    last[0] = fraction;
                })) {
            assertThat(t.count()).isEqualTo(ROWS);
            assertThat(t.rejectedCount()).isZero();
            for (int i = 1; i < t.count(); i++) {
                assertThat(y(t, i - 1)).as("sorted by y at %d", i).isLessThanOrEqualTo(y(t, i));
            }
            assertThat(w(t, 0)).as("no weight column: each point counts 1").isEqualTo(1f);
            assertThat(t.bounds().yMin()).isEqualTo(y(t, 0));
            assertThat(t.bounds().yMax()).isEqualTo(y(t, t.count() - 1));
            assertThat(t.bounds().xMin()).isBetween(-74.4f, -73.97f);
            assertThat(t.bounds().xMax()).isBetween(-73.97f, -73.5f);
        }
        assertThat(stages).containsExactly("reading pickups.csv", "copying " + ROWS + " points");
        assertThat(last[0]).isEqualTo(1.0);
    }

    /** The weight and the filter against the same rows read by plain Java. */
    @Test
    void aWeightColumnAndAFilterSelectAndWeighTheRightRows() throws Exception {
        List<String> lines = Files.readAllLines(sample);
        long expectedRows = 0;
        double expectedWeight = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (Double.parseDouble(f[4]) < 10) {
                expectedRows++;
                expectedWeight += Integer.parseInt(f[3]);
            }
        }
        PointQuery query = new PointQuery(sample, "longitude", "latitude", Optional.of("passengers"),
                Optional.of("fare < 10"));
        try (PointTable t = new PointLoader(1 << 24).load(query, QUIET)) {
            assertThat(t.count()).isEqualTo(expectedRows).isLessThan(ROWS).isGreaterThan(ROWS / 10);
            double weight = 0;
            for (int i = 0; i < t.count(); i++) {
                weight += w(t, i);
            }
            assertThat(weight).isEqualTo(expectedWeight);
        }
    }

    @Test
    void parquetAndTsvGiveTheSamePointsAsCsv() throws Exception {
        Path parquet = dir.resolve("pickups.parquet");
        SampleTaxiPickups.write(parquet, ROWS, 7, (done, total) -> { });
        Path tsv = dir.resolve("pickups.tsv");
        Files.write(tsv, Files.readAllLines(sample).stream().map(l -> l.replace(',', '\t')).toList());
        PointLoader loader = new PointLoader(1 << 24);
        try (PointTable csv = loader.load(PointQuery.of(sample, "longitude", "latitude"), QUIET);
             PointTable fromParquet = loader.load(PointQuery.of(parquet, "longitude", "latitude"), QUIET);
             PointTable fromTsv = loader.load(PointQuery.of(tsv, "longitude", "latitude"), QUIET)) {
            for (PointTable other : List.of(fromParquet, fromTsv)) {
                assertThat(other.count()).isEqualTo(csv.count());
                assertThat(other.bounds()).isEqualTo(csv.bounds());
                double xs = 0;
                double xsCsv = 0;
                for (int i = 0; i < csv.count(); i++) {
                    assertThat(y(other, i)).isEqualTo(y(csv, i)); // same y order; ties may swap x
                    xs += x(other, i);
                    xsCsv += x(csv, i);
                }
                assertThat(xs).isEqualTo(xsCsv);
            }
        }
    }

    @Test
    void badLinesAreSkippedAndReportedWithTheirLineNumbers() throws Exception {
        Path file = dir.resolve("bad-lines.csv");
        Files.writeString(file, """
                x,y,w
                1.5,2.5,1
                2,3,2
                north,4,1
                5,6
                7,8,9
                ,9,1
                10,11,1
                """);
        try (PointTable t = new PointLoader(1000).load(new PointQuery(file, "x", "y", Optional.of("w"),
                Optional.empty()), QUIET)) {
            assertThat(t.count()).as("good rows; the row without x is skipped too").isEqualTo(4);
            assertThat(t.rejectedCount()).isEqualTo(2);
            assertThat(t.rejected()).extracting(RejectedLine::line).containsExactly(4L, 5L);
            assertThat(t.rejected().get(0).column()).isEqualTo("x");
            assertThat(t.rejected().get(0).toString()).startsWith("line 4, column x: ").contains("north");
        }
    }

    @Test
    void aCsvWithABlockOfBinaryAmongItsRowsLoadsTheRowsAndReportsTheBadLines() throws Exception {
        Path mixed = dir.resolve("mixed.csv");
        StringBuilder head = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            head.append(i).append(',').append(i * 2).append('\n');
        }
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0, '\n', (byte) 0xc3, 0x28, 0, 7, '\n'};
        StringBuilder tail = new StringBuilder();
        for (int i = 50; i < 100; i++) {
            tail.append(i).append(',').append(i * 2).append('\n');
        }
        Files.write(mixed, concat(head.toString().getBytes(), binary, tail.toString().getBytes()));

        try (PointTable t = new PointLoader(1000).load(PointQuery.of(mixed, "x", "y"), QUIET)) {
            assertThat(t.count()).as("every good row").isEqualTo(100);
            assertThat(t.rejectedCount()).as("the two lines of binary").isEqualTo(2);
            assertThat(t.rejected()).extracting(RejectedLine::line).containsExactly(52L, 53L);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void refusesFilesAndQueriesItCannotUseWithAClearReason() throws Exception {
        PointLoader loader = new PointLoader(1000);
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> loader.load(PointQuery.of(empty, "x", "y"), QUIET))
                .isInstanceOf(LoadException.class).hasMessage("empty.csv: the file is empty");
        Path binary = dir.resolve("photo.csv");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});
        assertThatThrownBy(() -> loader.load(PointQuery.of(binary, "x", "y"), QUIET))
                .hasMessage("photo.csv: not a text file (CSV or TSV) nor a Parquet file: 1 of the 1 lines in its first "
                        + "64 KiB are not text (at most 25% may be)");
        assertThatThrownBy(() -> loader.load(PointQuery.of(dir.resolve("nowhere.csv"), "x", "y"), QUIET))
                .hasMessage("nowhere.csv: no such file");
        assertThatThrownBy(() -> loader.load(PointQuery.of(sample, "lon", "latitude"), QUIET))
                .hasMessageStartingWith("pickups.csv: there is no column \"lon\"; its columns are [pickup_time, "
                        + "longitude, latitude, passengers, fare]");
        assertThatThrownBy(() -> loader.load(new PointQuery(sample, "longitude", "latitude", Optional.empty(),
                Optional.of("fare <<< 3")), QUIET)).hasMessageContaining("the filter \"fare <<< 3\" is not valid");
        assertThatThrownBy(() -> loader.load(new PointQuery(sample, "longitude", "latitude", Optional.empty(),
                Optional.of("fare < 0")), QUIET)).hasMessageStartingWith("pickups.csv: no points to show");
        assertThatThrownBy(() -> loader.load(PointQuery.of(sample, "longitude", "latitude"), QUIET))
                .hasMessageContaining(ROWS + " points; at most 1000 can be shown at once");
        Path words = dir.resolve("words.csv");
        Files.writeString(words, "name,place\nada,london\nalan,wilmslow\n");
        assertThatThrownBy(() -> loader.load(PointQuery.of(words, "name", "place"), QUIET))
                .hasMessageStartingWith("words.csv: no points to show");
    }

    @Test
    void aCancelledLoadEndsWithCancellationAndKeepsNothing() throws Exception {
        PointLoader loader = new PointLoader(1 << 24);
        assertThatThrownBy(() -> loader.load(PointQuery.of(sample, "longitude", "latitude"), (stage, fraction) -> {
            if (stage.startsWith("copying")) {
                loader.cancel();
            }
        })).isInstanceOf(CancellationException.class).hasMessageContaining("pickups.csv");
        try (PointTable again = loader.load(PointQuery.of(sample, "longitude", "latitude"), QUIET)) {
            assertThat(again.count()).as("the loader works again after a cancel").isEqualTo(ROWS);
        }
    }
}
