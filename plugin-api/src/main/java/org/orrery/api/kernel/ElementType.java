package org.orrery.api.kernel;

/** The scalar type of one lane of a kernel's state. */
public enum ElementType {
    F32(4),
    F64(8),
    I32(4),
    U32(4);

    private final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
