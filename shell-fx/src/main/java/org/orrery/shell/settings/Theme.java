package org.orrery.shell.settings;

/** The look of the application. */
public enum Theme {
    LIGHT,
    DARK
}
