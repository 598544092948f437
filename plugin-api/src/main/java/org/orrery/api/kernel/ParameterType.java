package org.orrery.api.kernel;

/** The kind of value a kernel parameter takes. All are passed to the kernel as f64. */
public enum ParameterType {
    /** Any value in [min, max]. */
    REAL,
    /** A whole number in [min, max]. */
    INTEGER,
    /** One of a list of named options; the kernel receives the option's index. */
    CHOICE
}
