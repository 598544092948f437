package org.orrery.api.kernel;

import java.util.List;

/**
 * A kernel's parameter buffer: a list of records the user edits as a whole (for example the heat
 * sources painted with the mouse), too many values for the parameter block. Each record is
 * {@code fields.size()} little-endian f32 values, in field order; the list holds 0 to
 * {@code maxRecords} records. The kernel exports {@link KernelAbi#EXPORT_BUFFER_PTR} to receive it.
 *
 * @param name identifier, as parameter names
 * @param label shown to the user; the name if the descriptor gives none
 * @param fields the names of a record's values, in order
 */
public record BufferSpec(String name, String label, List<String> fields, int maxRecords) {

    public BufferSpec {
        fields = List.copyOf(fields);
    }

    /** f32 values in {@code records} records. */
    public int values(int records) {
        return records * fields.size();
    }
}
