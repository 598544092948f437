package org.orrery.shell.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What this build of Orrery is: its version, vendor and licence, set once in the parent pom and
 * written into {@code build.properties} by the build, and its changelog.
 */
public record BuildInfo(String version, String vendor, String licence, String changelog) {

    /** This build's, read from the shell's resources. */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = resource("build.properties"); InputStream log = resource("CHANGELOG.md")) {
            properties.load(in);
            return new BuildInfo(properties.getProperty("version"), properties.getProperty("vendor"),
                    properties.getProperty("licence"), new String(log.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the shell's build information cannot be read", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BuildInfo.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the shell's resources: is this a build of shell-fx?");
        }
        return in;
    }
}
