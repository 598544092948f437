package org.orrery.wasm.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.orrery.wasm.wasmtime.CodeCache;

/**
 * Which engine won a kernel's warm-up under {@link EngineChoice#AUTO}, remembered on disk, so
 * that the next start of the same modules at the same size warms up on the winner alone: measuring
 * both costs seconds (GraalWasm compiles while it warms up), and the winner does not change while
 * the modules, the size and the engines stay the same. An entry is named by all of those; a new
 * build of a module, or another Wasmtime, is a new entry. Deleting the file forgets every verdict.
 */
public final class EngineVerdicts {

    private static final System.Logger LOG = System.getLogger(EngineVerdicts.class.getName());
    private static final String FILE_NAME = "engine-verdicts.properties";

    private final Path file;

    public EngineVerdicts(Path file) {
        this.file = file;
    }

    /** The verdicts beside the compiled-code cache ({@code orrery.cache.dir}, else XDG's cache home). */
    public static EngineVerdicts atDefault() {
        return new EngineVerdicts(CodeCache.defaultFolder().resolveSibling(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /**
     * What identifies a kernel's warm-up: the plugin, its modules' bytes, the size, and the engines
     * measured (each by its description, which names its version and how it runs code).
     */
    public static String key(String pluginId, List<byte[]> modules, String size, List<WasmEngine> engines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] module : modules) {
                digest.update(MessageDigest.getInstance("SHA-256").digest(module));
            }
            for (WasmEngine engine : engines) {
                digest.update(engine.description().getBytes(StandardCharsets.UTF_8));
            }
            return pluginId + "." + size + "." + HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The engine that won under {@code key}, if it is one of {@code engines}. */
    public Optional<WasmEngine> recall(String key, List<WasmEngine> engines) {
        String name = read().getProperty(key);
        return engines.stream().filter(engine -> engine.name().equals(name)).findFirst();
    }

    /** Keeps {@code winner} under {@code key}; a failure to write costs the next start a measurement. */
    public synchronized void remember(String key, WasmEngine winner) {
        Properties verdicts = read();
        verdicts.setProperty(key, winner.name());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".part");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                verdicts.store(out, "Orrery: the engine that won each kernel's warm-up under auto");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "engine verdicts could not be kept in " + file + ": " + e.getMessage());
        }
    }

    private Properties read() {
        Properties verdicts = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                verdicts.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "engine verdicts in " + file + " could not be read, measuring again: " + e.getMessage());
            }
        }
        return verdicts;
    }
}
