package org.orrery.testkit;

/** What the catalog says of a plugin it lists. */
public enum PluginStatus {
    /** Loaded and enabled: it can be opened. */
    LOADED,
    /** Loaded, but the user disabled it: it cannot be opened until enabled again. */
    DISABLED,
    /** It could not be loaded; {@link CatalogItem#reason()} says why. */
    FAILED;

    /** The kit's name for the application's own status, which has the same names. */
    static PluginStatus of(Enum<?> applicationStatus) {
        return valueOf(applicationStatus.name());
    }
}
