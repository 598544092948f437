package org.orrery.wasm.wasmtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Compiled code on disk, so that a plugin's second start needs no compile. An entry is named by
 * the module's SHA-256 and the engine's fingerprint (Wasmtime's version, settings and the CPU
 * features it compiles for), and stored with the SHA-256 of the code beside it: Wasmtime refuses
 * code from another engine but cannot tell damaged code from good, so an entry whose digest does
 * not match is deleted, never loaded. Failing to write the cache only costs the next start a
 * compile.
 */
public final class CodeCache {

    private static final System.Logger LOG = System.getLogger(CodeCache.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    private final Path folder;
    private final String fingerprint;

    public CodeCache(Path folder, long engineFingerprint) {
        this.folder = folder;
        this.fingerprint = Long.toUnsignedString(engineFingerprint, 16);
    }

    /** The cache's folder by default: {@code orrery.cache.dir}, else XDG's cache home, under orrery/wasmtime. */
    public static Path defaultFolder() {
        String configured = System.getProperty("orrery.cache.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "wasmtime");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("orrery").resolve("wasmtime");
    }

    /** The code compiled from {@code wasm}, if an intact entry holds it. */
    Optional<byte[]> read(byte[] wasm) {
        String key = key(wasm);
        Path code = folder.resolve(key + ".cwasm");
        Path digest = folder.resolve(key + ".sha256");
        if (!Files.isRegularFile(code) || !Files.isRegularFile(digest)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(code);
            if (!sha256(bytes).equals(Files.readString(digest).strip())) {
                LOG.log(Level.WARNING, "compiled code " + code + " is damaged (its digest does not match): compiling again");
                forget(wasm);
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "compiled code " + code + " could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps {@code code}, compiled from {@code wasm}: written aside, then moved into place. */
    void write(byte[] wasm, byte[] code) {
        String key = key(wasm);
        try {
            Files.createDirectories(folder);
            Path codeFile = folder.resolve(key + ".cwasm");
            Path digestFile = folder.resolve(key + ".sha256");
            // The digest goes last: an entry without one is never read.
            Files.deleteIfExists(digestFile);
            place(codeFile, code);
            place(digestFile, sha256(code).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "compiled code could not be kept in " + folder + ": " + e.getMessage());
        }
    }

    /** Deletes the entry for {@code wasm}, if any. */
    void forget(byte[] wasm) {
        String key = key(wasm);
        try {
            Files.deleteIfExists(folder.resolve(key + ".sha256"));
            Files.deleteIfExists(folder.resolve(key + ".cwasm"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "compiled code in " + folder + " could not be deleted: " + e.getMessage());
        }
    }

    /** The entry's file for {@code wasm}: for tests and the curious. */
    public Path codeFile(byte[] wasm) {
        return folder.resolve(key(wasm) + ".cwasm");
    }

    private String key(byte[] wasm) {
        return sha256(wasm) + "-" + fingerprint;
    }

    private void place(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(folder, target.getFileName().toString(), ".part");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
