package org.orrery.plugins.density;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBDriver;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Loads the points of a {@link PointQuery} from a CSV, TSV or Parquet file into a
 * {@link PointTable}, through an in-memory DuckDB. Lines DuckDB cannot read are skipped and
 * reported with their line numbers, never fatal; rows without a finite x, y and weight are
 * counted and skipped. Points stream from DuckDB straight into off-heap memory, in y order: no
 * object per row, and no more memory than the points themselves on the Java side.
 *
 * <p>One load at a time per loader. {@link #cancel()} may be called from any thread; the load
 * then ends with a {@link CancellationException} and frees what it had allocated.
 */
public final class PointLoader {

    /** How many rejected lines a table keeps (all are counted). */
    public static final int REJECTED_KEPT = 100;
    private static final int PROGRESS_EVERY_ROWS = 1 << 16;

    /** Told how a load is going; called on the loading thread and on a progress thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param stage what is happening, for the user ("reading data.csv", "copying points")
         * @param fraction from 0 to 1
         */
        void update(String stage, double fraction);
    }

    private final int maxPoints;
    private volatile Statement running;
    private volatile boolean cancelled;

    /** @param maxPoints the most points a table may hold (the kernel's buffer size) */
    public PointLoader(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** Stops the load in progress, if any. */
    public void cancel() {
        cancelled = true;
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile: the loop checks the flag too
            }
        }
    }

    /**
     * Loads the query's points.
     *
     * @throws LoadException naming the file and the problem (missing, empty, not text, a missing
     *     or non-numeric column, a bad filter, no points, too many points)
     * @throws CancellationException if {@link #cancel()} was called
     */
    public PointTable load(PointQuery query, Progress progress) throws LoadException {
        cancelled = false;
        long start = System.nanoTime();
        DataFormat format = DataFormat.detect(query.file());
        Properties properties = new Properties();
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties)) {
            String fileName = query.file().getFileName().toString();
            stage(connection, readSql(query, format), "reading " + fileName, progress, query);
            long[] counts = counts(connection);
            long usable = counts[0];
            List<RejectedLine> rejected = new ArrayList<>();
            long rejectedCount = format == DataFormat.PARQUET ? 0 : rejectedLines(connection, rejected);
            if (usable == 0) {
                throw new LoadException(query.file(), "no points to show: " + counts[1] + " row(s) without a finite "
                        + "x, y and weight" + (rejectedCount > 0 ? ", " + rejectedCount + " line(s) rejected, the first "
                        + rejected.getFirst() : "") + (query.filter().isPresent() ? ", after the filter" : ""));
            }
            if (usable > maxPoints) {
                throw new LoadException(query.file(), usable + " points; at most " + maxPoints
                        + " can be shown at once. Add a filter to narrow them down");
            }
            Arena arena = Arena.ofShared();
            try {
                MemorySegment records = arena.allocate(usable * PointTable.RECORD_BYTES, 16);
                PointTable.Bounds bounds = copyPoints(connection, records, (int) usable, progress);
                return new PointTable(arena, records, (int) usable, bounds, rejected, rejectedCount,
                        Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException | SQLException e) {
                arena.close();
                throw e;
            }
        } catch (SQLException e) {
            if (cancelled) {
                throw new CancellationException("loading " + query.file().getFileName() + " was cancelled");
            }
            throw new LoadException(query.file(), describe(e, query, format), e);
        } finally {
            running = null;
        }
    }

    /** The SQL that reads the file's chosen columns into the temporary table {@code raw}. */
    private static String readSql(PointQuery query, DataFormat format) {
        String path = literal(query.file().toAbsolutePath().toString());
        String weight = query.weightColumn().map(PointLoader::identifier).orElse("1");
        String source = switch (format) {
            case PARQUET -> "read_parquet(" + path + ")";
            case CSV, TSV -> "read_csv(" + path + ", store_rejects = true" + (format == DataFormat.TSV ? ", delim = '\\t'" : "")
                    + ", types = {" + typeOf(query.xColumn()) + ", " + typeOf(query.yColumn())
                    + query.weightColumn().map(w -> ", " + typeOf(w)).orElse("") + "})";
        };
        return "CREATE TEMP TABLE raw AS SELECT CAST(" + identifier(query.xColumn()) + " AS FLOAT) AS x, CAST("
                + identifier(query.yColumn()) + " AS FLOAT) AS y, CAST(" + weight + " AS FLOAT) AS w FROM " + source
                + query.filter().map(f -> " WHERE (" + f + ")").orElse("");
    }

    private static String typeOf(String column) {
        return literal(column) + ": 'DOUBLE'";
    }

    /** Runs the reading statement, reporting DuckDB's own progress while it runs. */
    private void stage(Connection connection, String sql, String stage, Progress progress, PointQuery query)
            throws SQLException {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orrery-load-progress");
            t.setDaemon(true);
            return t;
        });
        try (Statement statement = connection.createStatement()) {
            running = statement;
            if (cancelled) {
                throw new CancellationException("loading " + query.file().getFileName() + " was cancelled");
            }
            progress.update(stage, 0);
            poller.scheduleAtFixedRate(() -> {
                try {
                    QueryProgress p = ((DuckDBPreparedStatement) statement).getQueryProgress();
                    if (p.getPercentage() >= 0) {
                        progress.update(stage, Math.min(1, p.getPercentage() / 100));
                    }
                } catch (SQLException | RuntimeException e) {
                    // the query ended between two polls
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            statement.execute(sql);
            progress.update(stage, 1);
        } finally {
            poller.shutdownNow();
            running = null;
        }
    }

    /** Usable rows, and rows skipped for a missing or non-finite value. */
    private static long[] counts(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE " + USABLE + "), count(*) FILTER (WHERE NOT ("
                     + USABLE + ")) FROM raw")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }

    private static final String USABLE = "x IS NOT NULL AND y IS NOT NULL AND w IS NOT NULL AND isfinite(x) "
            + "AND isfinite(y) AND isfinite(w)";

    private static long rejectedLines(Connection connection, List<RejectedLine> into) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long count;
            // One entry a line: DuckDB may find two errors in one (bad UTF-8, and too few columns).
            try (ResultSet r = s.executeQuery("SELECT count(DISTINCT line) FROM reject_errors")) {
                r.next();
                count = r.getLong(1);
            }
            try (ResultSet r = s.executeQuery("SELECT line, coalesce(first(column_name), ''), string_agg(error_message, '; ')"
                    + " FROM reject_errors GROUP BY line ORDER BY line LIMIT " + REJECTED_KEPT)) {
                while (r.next()) {
                    into.add(new RejectedLine(r.getLong(1), r.getString(2), r.getString(3)));
                }
            }
            return count;
        }
    }

    /** Streams the usable points, sorted by y, into {@code records}; returns their bounds. */
    private PointTable.Bounds copyPoints(Connection connection, MemorySegment records, int count, Progress progress)
            throws SQLException {
        float xMin = Float.POSITIVE_INFINITY;
        float xMax = Float.NEGATIVE_INFINITY;
        float yMin = Float.POSITIVE_INFINITY;
        float yMax = Float.NEGATIVE_INFINITY;
        String stage = "copying " + count + " points";
        try (Statement statement = connection.createStatement()) {
            running = statement;
            statement.setFetchSize(PROGRESS_EVERY_ROWS);
            try (ResultSet r = statement.executeQuery("SELECT x, y, w FROM raw WHERE " + USABLE + " ORDER BY y")) {
                progress.update(stage, 0);
                checkCancelled();
                int i = 0;
                while (r.next()) {
                    if (i == count) {
                        throw new IllegalStateException("more points than counted: " + count);
                    }
                    float x = r.getFloat(1);
                    float y = r.getFloat(2);
                    long at = i * PointTable.RECORD_BYTES;
                    records.set(ValueLayout.JAVA_FLOAT, at, x);
                    records.set(ValueLayout.JAVA_FLOAT, at + 4, y);
                    records.set(ValueLayout.JAVA_FLOAT, at + 8, r.getFloat(3));
                    xMin = Math.min(xMin, x);
                    xMax = Math.max(xMax, x);
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                    if (++i % PROGRESS_EVERY_ROWS == 0) {
                        progress.update(stage, (double) i / count);
                        checkCancelled();
                    }
                }
                if (i != count) {
                    throw new IllegalStateException(i + " points streamed, " + count + " counted");
                }
                progress.update(stage, 1);
            }
        }
        return new PointTable.Bounds(xMin, xMax, yMin, yMax);
    }

    private void checkCancelled() throws SQLException {
        if (cancelled) {
            throw new SQLException("cancelled"); // reported as a CancellationException by load
        }
    }

    /** Says what went wrong in the analyst's terms: which column is missing or not a number, or what DuckDB said. */
    private static String describe(SQLException e, PointQuery query, DataFormat format) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        List<String> chosen = new ArrayList<>(List.of(query.xColumn(), query.yColumn()));
        query.weightColumn().ifPresent(chosen::add);
        String lower = message.toLowerCase(Locale.ROOT);
        for (String column : chosen) {
            String c = column.toLowerCase(Locale.ROOT);
            if (lower.contains("\"" + c + "\"") && (lower.contains("not found") || lower.contains("do not exist")
                    || lower.contains("does not exist"))) {
                return "there is no column \"" + column + "\"" + columnsHint(query, format);
            }
        }
        if (lower.contains("conversion error") || lower.contains("could not convert")) {
            return "a chosen column is not numeric (" + firstLine(message) + ")";
        }
        if (query.filter().isPresent() && (lower.contains("parser error") || lower.contains("binder error")
                || lower.contains("catalog error"))) {
            return "the filter \"" + query.filter().get() + "\" is not valid: " + firstLine(message);
        }
        return firstLine(message);
    }

    /** "; its columns are [...]", when DuckDB can tell them; empty otherwise. */
    private static String columnsHint(PointQuery query, DataFormat format) {
        String path = literal(query.file().toAbsolutePath().toString());
        String source = switch (format) {
            case PARQUET -> "read_parquet(" + path + ")";
            case CSV -> "read_csv(" + path + ")";
            case TSV -> "read_csv(" + path + ", delim = '\\t')";
        };
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return "; its columns are " + names;
        } catch (SQLException e) {
            return "";
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A SQL quoted identifier. */
    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
