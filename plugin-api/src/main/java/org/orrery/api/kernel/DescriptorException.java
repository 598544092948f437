package org.orrery.api.kernel;

/** A kernel descriptor that cannot be used; the message names the file and the field. */
public final class DescriptorException extends Exception {

    private final String field;

    public DescriptorException(String source, String field, String problem) {
        super(source + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.field = field;
    }

    /** The path of the offending field, for example {@code parameters[2].max}; empty for the whole file. */
    public String field() {
        return field;
    }
}
