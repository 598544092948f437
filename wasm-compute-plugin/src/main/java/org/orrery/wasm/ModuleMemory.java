package org.orrery.wasm;

import java.util.OptionalLong;

/**
 * The memory a WebAssembly module declares, read from its binary before anything is instantiated:
 * GraalWasm allocates a module's initial memory when it instantiates it, so a module declaring
 * more than its budget must be refused before that, not after. Reads only the section headers and
 * the memory section (WebAssembly core spec, binary format).
 *
 * @param initialPages pages of 64 KiB allocated at instantiation (0 if the module has no memory)
 * @param maximumPages the declared maximum, if any
 */
public record ModuleMemory(long initialPages, OptionalLong maximumPages) {

    public static final long PAGE_BYTES = 65_536;

    private static final int MEMORY_SECTION = 5;

    /**
     * @throws IllegalArgumentException naming the byte offset, if the bytes are not a well-formed
     *     module header and section list
     */
    public static ModuleMemory read(byte[] module) {
        Reader in = new Reader(module);
        if (module.length < 8 || module[0] != 0 || module[1] != 'a' || module[2] != 's' || module[3] != 'm') {
            throw new IllegalArgumentException("not a WebAssembly module: the file does not start with \\0asm");
        }
        if (module[4] != 1 || module[5] != 0 || module[6] != 0 || module[7] != 0) {
            throw new IllegalArgumentException("unsupported WebAssembly binary version (only version 1 exists)");
        }
        in.at = 8;
        while (in.at < module.length) {
            int id = in.u8();
            long size = in.u32();
            int end = Math.toIntExact(in.at + size);
            if (end > module.length) {
                throw new IllegalArgumentException("section " + id + " at byte " + in.at + " runs past the end of the file");
            }
            if (id == MEMORY_SECTION) {
                long count = in.u32();
                if (count == 0) {
                    return new ModuleMemory(0, OptionalLong.empty());
                }
                int flags = in.u8();
                long initial = in.u32();
                OptionalLong maximum = (flags & 1) != 0 ? OptionalLong.of(in.u32()) : OptionalLong.empty();
                return new ModuleMemory(initial, maximum);
            }
            in.at = end;
        }
        return new ModuleMemory(0, OptionalLong.empty());
    }

    public long initialBytes() {
        return initialPages * PAGE_BYTES;
    }

    /** A cursor over the bytes: LEB128 as the binary format encodes integers. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u8() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("unexpected end of the module at byte " + at);
            }
            return bytes[at++] & 0xFF;
        }

        long u32() {
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed integer at byte " + at);
        }
    }
}
