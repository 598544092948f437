package org.orrery.plugins.density;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first rows of a data file and its columns, for the analyst to choose x, y and weight from
 * before loading: read with DuckDB like the load itself, skipping lines it cannot read.
 *
 * @param columns every column's name, in file order
 * @param numericColumns the columns DuckDB reads as numbers: the ones that can be x, y or weight
 * @param rows the first rows, each value as text (empty for a missing value)
 */
public record FilePreview(Path file, DataFormat format, List<String> columns, List<String> numericColumns,
                          List<List<String>> rows) {

    public FilePreview {
        columns = List.copyOf(columns);
        numericColumns = List.copyOf(numericColumns);
        rows = List.copyOf(rows);
    }

    /**
     * Reads the columns and the first {@code rowCount} rows.
     *
     * @throws LoadException naming the file and the problem
     */
    public static FilePreview read(Path file, int rowCount) throws LoadException {
        DataFormat format = DataFormat.detect(file);
        String path = PointLoader.literal(file.toAbsolutePath().toString());
        String source = switch (format) {
            case PARQUET -> "read_parquet(" + path + ")";
            case CSV -> "read_csv(" + path + ", ignore_errors = true)";
            case TSV -> "read_csv(" + path + ", ignore_errors = true, delim = '\\t')";
        };
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            List<String> columns = new ArrayList<>();
            List<String> numeric = new ArrayList<>();
            try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (described.next()) {
                    String name = described.getString("column_name");
                    columns.add(name);
                    if (isNumeric(described.getString("column_type"))) {
                        numeric.add(name);
                    }
                }
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT * FROM " + source + " LIMIT " + rowCount)) {
                while (result.next()) {
                    List<String> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        String value = result.getString(c);
                        row.add(value == null ? "" : value);
                    }
                    rows.add(row);
                }
            }
            return new FilePreview(file, format, columns, numeric, rows);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int newline = message.indexOf('\n');
            throw new LoadException(file, "cannot be previewed: " + (newline < 0 ? message : message.substring(0, newline)), e);
        }
    }

    private static boolean isNumeric(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        return type.contains("INT") || type.equals("FLOAT") || type.equals("DOUBLE") || type.startsWith("DECIMAL")
                || type.equals("REAL");
    }
}
