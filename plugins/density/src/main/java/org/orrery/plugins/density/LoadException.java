package org.orrery.plugins.density;

import java.nio.file.Path;

/** A file that could not be loaded: the message names the file and says why, for the user. */
public final class LoadException extends Exception {

    public LoadException(Path file, String reason) {
        super(file.getFileName() + ": " + reason);
    }

    public LoadException(Path file, String reason, Throwable cause) {
        super(file.getFileName() + ": " + reason, cause);
    }
}
