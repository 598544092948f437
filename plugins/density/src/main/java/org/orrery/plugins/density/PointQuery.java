package org.orrery.plugins.density;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analyst asks for: two numeric columns of a file as x and y, optionally a weight
 * column (a point counts 1 without one) and a SQL filter (a DuckDB boolean expression over the
 * file's columns, for example {@code passengers > 2 AND fare < 100}).
 */
public record PointQuery(Path file, String xColumn, String yColumn, Optional<String> weightColumn,
                         Optional<String> filter) {

    public PointQuery {
        Objects.requireNonNull(file);
        requireName(xColumn, "x");
        requireName(yColumn, "y");
        weightColumn.ifPresent(w -> requireName(w, "weight"));
        filter = filter.filter(f -> !f.isBlank());
    }

    /** x and y only, every point counting 1, no filter. */
    public static PointQuery of(Path file, String xColumn, String yColumn) {
        return new PointQuery(file, xColumn, yColumn, Optional.empty(), Optional.empty());
    }

    private static void requireName(String column, String role) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("name the " + role + " column");
        }
    }
}
