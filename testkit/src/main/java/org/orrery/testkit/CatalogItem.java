package org.orrery.testkit;

/**
 * One plugin the catalog lists, as its model holds it.
 *
 * @param id the plugin's id, as in its {@code plugin.properties}
 * @param name the name its descriptor gives; the id for a plugin that failed to load
 * @param version its version; empty for a plugin that failed to load
 * @param author its provider; empty for a plugin that failed to load
 * @param status loaded, disabled or failed
 * @param reason why it failed; empty otherwise
 * @param installedByUser whether it came from the user's plugins folder (so Remove applies)
 *     rather than with the application
 */
public record CatalogItem(String id, String name, String version, String author, PluginStatus status,
                          String reason, boolean installedByUser) {
}
