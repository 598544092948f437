package org.orrery.plugins.density;

/**
 * A line of a text file that was skipped, as DuckDB's CSV reader reported it.
 *
 * @param line the line number in the file, from 1 (the header is line 1)
 * @param column the column it failed on, or empty when the whole line is wrong
 */
public record RejectedLine(long line, String column, String reason) {

    @Override
    public String toString() {
        return "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
    }
}
