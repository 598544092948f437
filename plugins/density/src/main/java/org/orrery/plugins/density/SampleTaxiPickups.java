package org.orrery.plugins.density;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * Writes a realistic sample dataset for the density plugin: synthetic taxi pickups in a made-up
 * city, clustered the way real pickups are (along a rotated street grid, around stations and
 * two airports, thinner in the residential rings, a little everywhere). The same seed and row
 * count give the same file, byte for byte.
 *
 * <p>Columns: {@code pickup_time, longitude, latitude, passengers, fare}. A file name ending in
 * {@code .parquet} gets Parquet (written through DuckDB), anything else CSV.
 *
 * <p>usage: {@code make-sample-data [ROWS] [FILE] [--seed N]}, by default 10,000,000 rows into
 * {@code taxi-pickups.csv} with seed 2026.
 */
public final class SampleTaxiPickups {

    private static final double CENTRE_LON = -73.97;
    private static final double CENTRE_LAT = 40.75;
    /** Degrees of longitude per metre at this latitude, and of latitude. */
    private static final double LON_PER_M = 1 / 84_300.0;
    private static final double LAT_PER_M = 1 / 111_000.0;
    /** The street grid's turn from north, clockwise: avenues run north-north-east. */
    private static final double GRID_ANGLE = Math.toRadians(-29);

    /** Stations, nightlife and offices: x, y in metres from the centre, spread in metres, share. */
    private static final double[][] HOTSPOTS = {
        {0, 0, 400, 0.10}, {-1500, -2500, 300, 0.06}, {1200, 1800, 350, 0.05}, {-2600, -5200, 500, 0.05},
        {2500, 4200, 450, 0.04}, {-400, 2900, 250, 0.03}, {800, -1200, 300, 0.04},
        {9000, -6000, 700, 0.03}, {12000, 2500, 600, 0.02}, // the airports, away from the centre
    };

    private final SplittableRandom random;

    private SampleTaxiPickups(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException, SQLException {
        long rows = 10_000_000;
        Path file = Path.of("taxi-pickups.csv");
        long seed = 2026;
        int positional = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seed") && i + 1 < args.length) {
                seed = Long.parseLong(args[++i]);
            } else if (positional == 0 && args[i].matches("\\d+")) {
                rows = Long.parseLong(args[i]);
                positional++;
            } else if (!args[i].startsWith("--")) {
                file = Path.of(args[i]);
                positional = 2;
            } else {
                System.err.println("usage: make-sample-data [ROWS] [FILE] [--seed N]");
                System.exit(2);
            }
        }
        long start = System.nanoTime();
        write(file, rows, seed, (done, total) -> System.out.printf("\r%d of %d rows", done, total));
        System.out.printf("%nwrote %s (%d rows, %.1f MB) in %.1f s%n", file, rows, Files.size(file) / 1e6,
                (System.nanoTime() - start) / 1e9);
    }

    /** Told how many rows are written. */
    @FunctionalInterface
    public interface Written {
        void rows(long done, long total);
    }

    /** Writes {@code rows} pickups to {@code file} (CSV, or Parquet if it ends in .parquet). */
    public static void write(Path file, long rows, long seed, Written written) throws IOException, SQLException {
        if (!file.getFileName().toString().endsWith(".parquet")) {
            new SampleTaxiPickups(seed).writeCsv(file, rows, written);
            return;
        }
        Path csv = Files.createTempFile("taxi-pickups", ".csv");
        try {
            new SampleTaxiPickups(seed).writeCsv(csv, rows, written);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                s.execute("COPY (SELECT * FROM read_csv('" + csv.toAbsolutePath().toString().replace("'", "''")
                        + "')) TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)");
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private void writeCsv(Path file, long rows, Written written) throws IOException {
        StringBuilder line = new StringBuilder(96);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("pickup_time,longitude,latitude,passengers,fare\n");
            for (long r = 0; r < rows; r++) {
                double[] metres = place();
                int second = pickupSecond();
                line.setLength(0);
                line.append("2026-03-14 ");
                twoDigits(line, second / 3600).append(':');
                twoDigits(line, second / 60 % 60).append(':');
                twoDigits(line, second % 60).append(',');
                decimal(line, CENTRE_LON + metres[0] * LON_PER_M, 6).append(',');
                decimal(line, CENTRE_LAT + metres[1] * LAT_PER_M, 6).append(',');
                line.append(passengers()).append(',');
                decimal(line, fare(), 2).append('\n');
                out.append(line);
                if ((r + 1) % 1_000_000 == 0 || r + 1 == rows) {
                    written.rows(r + 1, rows);
                }
            }
        }
    }

    /** A pickup's position in metres east and north of the centre. */
    private double[] place() {
        double u = random.nextDouble();
        if (u < 0.42) {
            return onStreetGrid();
        }
        u -= 0.42;
        for (double[] spot : HOTSPOTS) {
            if (u < spot[3]) {
                return new double[] {spot[0] + random.nextGaussian() * spot[2], spot[1] + random.nextGaussian() * spot[2]};
            }
            u -= spot[3];
        }
        if (u < 0.12) { // residential rings: wide, thin
            double angle = random.nextDouble(2 * Math.PI);
            double radius = 6000 + random.nextGaussian() * 2500;
            return new double[] {radius * Math.cos(angle), radius * Math.sin(angle) * 1.4};
        }
        return new double[] {random.nextGaussian() * 6000, random.nextGaussian() * 6000}; // a few everywhere
    }

    /** On an avenue or a street of a grid turned 29 degrees, a few metres off the kerb. */
    private double[] onStreetGrid() {
        double along;
        double across;
        boolean avenue = random.nextDouble() < 0.55;
        double spacing = avenue ? 280 : 80;
        double length = avenue ? 9000 : 2400;
        along = random.nextGaussian() * length / 2;
        across = Math.round(random.nextGaussian() * (avenue ? 1200 : 3500) / spacing) * spacing
                + random.nextGaussian() * 6;
        double gx = avenue ? across : along;
        double gy = avenue ? along : across;
        double cos = Math.cos(GRID_ANGLE);
        double sin = Math.sin(GRID_ANGLE);
        return new double[] {gx * cos - gy * sin, gx * sin + gy * cos};
    }

    /** Seconds after midnight, busier in the morning and evening rush. */
    private int pickupSecond() {
        double u = random.nextDouble();
        double hour = u < 0.25 ? 8.5 + random.nextGaussian() * 1.2
                : u < 0.55 ? 18.5 + random.nextGaussian() * 1.8 : random.nextDouble(24);
        return (int) Math.floorMod((long) (hour * 3600), 86_400L);
    }

    private int passengers() {
        double u = random.nextDouble();
        return u < 0.70 ? 1 : u < 0.85 ? 2 : u < 0.91 ? 3 : u < 0.95 ? 4 : u < 0.98 ? 5 : 6;
    }

    private double fare() {
        return 3 + Math.exp(2.2 + 0.6 * random.nextGaussian());
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Appends {@code value} with exactly {@code places} decimals, without String.format's cost. */
    private static StringBuilder decimal(StringBuilder line, double value, int places) {
        long scale = places == 6 ? 1_000_000 : 100;
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            line.append('-');
        }
        line.append(scaled / scale).append('.');
        String fraction = Long.toString(scaled % scale);
        for (int i = fraction.length(); i < places; i++) {
            line.append('0');
        }
        return line.append(fraction);
    }
}
