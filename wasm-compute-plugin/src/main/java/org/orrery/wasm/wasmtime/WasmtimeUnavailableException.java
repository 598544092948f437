package org.orrery.wasm.wasmtime;

/** The Wasmtime bridge cannot be used here; the message says why. GraalWasm runs kernels instead. */
public final class WasmtimeUnavailableException extends RuntimeException {

    WasmtimeUnavailableException(String message) {
        super(message);
    }

    WasmtimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
