package org.orrery.wasm.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A plugin zip, unpacked only if every entry passes: names that stay inside the plugin's folder,
 * a bounded count, bounded sizes (checked again while unpacking: a zip's declared sizes can lie).
 * It is unpacked into a hidden folder beside the target and moved into place whole, so a zip
 * refused at any point leaves nothing behind. Java writes every entry as a plain file, so a
 * link in the zip cannot point outside either.
 */
public final class PluginArchive {

    static final int MAX_ENTRIES = 1_000;
    static final long MAX_ENTRY_BYTES = 64L << 20;
    static final long MAX_TOTAL_BYTES = 256L << 20;
    private static final int MAX_NAME_CHARS = 512;

    /** Why a zip was refused, naming the zip and, where one is to blame, the entry. */
    public static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private PluginArchive() {
    }

    /**
     * Checks every entry of {@code zip}, then unpacks it as the folder {@code target} (replacing
     * one there). On any failure nothing is left of the new folder and the old one is untouched.
     */
    public static void expand(Path zip, Path target) throws IOException {
        String name = zip.getFileName().toString();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = check(name, file);
            Path partial = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".unpacking-");
            try {
                long total = 0;
                for (ZipEntry entry : entries) {
                    Path out = partial.resolve(entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry); OutputStream to = Files.newOutputStream(out)) {
                        total += copy(name, entry, in, to, MAX_TOTAL_BYTES - total);
                    }
                }
                replace(partial, target);
            } finally {
                removeFolder(partial);
            }
        } catch (ZipException e) {
            throw new RefusedException(name + " is not a readable zip: " + e.getMessage());
        }
    }

    /** Every entry checked against the limits before anything is written; the entries, in order. */
    static List<? extends ZipEntry> check(String zip, ZipFile file) throws RefusedException {
        List<? extends ZipEntry> entries = file.stream().toList();
        if (entries.size() > MAX_ENTRIES) {
            throw new RefusedException(String.format("%s: %,d entries, over the limit of %,d; nothing was unpacked",
                    zip, entries.size(), MAX_ENTRIES));
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (ZipEntry entry : entries) {
            String problem = nameProblem(entry.getName());
            if (problem == null && !seen.add(entry.getName().toLowerCase(java.util.Locale.ROOT))) {
                problem = "appears twice";
            }
            if (problem == null && entry.getSize() > MAX_ENTRY_BYTES) {
                problem = String.format("unpacks to %,d bytes, over the limit of %,d", entry.getSize(), MAX_ENTRY_BYTES);
            }
            if (problem != null) {
                throw new RefusedException(zip + ": entry '" + printable(entry.getName()) + "' " + problem
                        + "; nothing was unpacked");
            }
            total += Math.max(0, entry.getSize());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new RefusedException(String.format("%s unpacks to %,d bytes, over the limit of %,d; nothing was unpacked",
                    zip, total, MAX_TOTAL_BYTES));
        }
        return entries;
    }

    /** What is wrong with an entry's name, or null: it must be a plain relative path inside the folder. */
    static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            return "has an empty or overlong name";
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0) {
            return "is not a plain relative path (a leading '/', a '\\', a ':' or a NUL)";
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return "leaves the plugin's folder ('..')";
            }
            if (part.equals(".")) {
                return "has a '.' in its path";
            }
        }
        return null;
    }

    /** Copies one entry, refusing it as soon as it passes its limit or the zip's remaining room. */
    private static long copy(String zip, ZipEntry entry, InputStream in, OutputStream out, long room) throws IOException {
        long limit = Math.min(MAX_ENTRY_BYTES, room);
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            written += n;
            if (written > limit) {
                throw new RefusedException(String.format("%s: entry '%s' unpacks to more than %,d bytes, more than it "
                        + "declared or than the zip may hold in all; nothing was unpacked", zip, printable(entry.getName()), limit));
            }
            out.write(buffer, 0, n);
        }
        return written;
    }

    private static void replace(Path unpacked, Path target) throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
            removeFolder(old);
        } else {
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                throw new IOException(target + " appeared while " + unpacked.getFileName() + " was unpacked", raced);
            }
        }
    }

    /** Removes a folder and what is in it, saying nothing if it cannot: for cleaning up after a refusal. */
    static void removeQuietly(Path folder) {
        try {
            removeFolder(folder);
        } catch (IOException ignored) {
            // What is left will be unpacked over, or refused again, next time.
        }
    }

    /** Removes a plugin's folder and what is in it, if it exists. */
    public static void removeFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(120).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
