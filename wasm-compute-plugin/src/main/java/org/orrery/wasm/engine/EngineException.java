package org.orrery.wasm.engine;

import org.orrery.wasm.KernelFault;

/**
 * A module that an engine could not load or run, classified with the kind of {@link KernelFault}
 * the host turns it into ({@code TIMEOUT} for a call the host interrupted).
 */
public final class EngineException extends RuntimeException {

    private final KernelFault.Kind kind;

    public EngineException(KernelFault.Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public KernelFault.Kind kind() {
        return kind;
    }
}
