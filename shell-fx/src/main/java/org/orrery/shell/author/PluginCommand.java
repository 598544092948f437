package org.orrery.shell.author;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.OrreryHome;

/**
 * {@code orrery plugin ...}: the plugin author's tool, in the application itself, so an author
 * with the installed application needs no checkout and no Maven. It checks, packs and installs a
 * plugin with the application's own loader and catalog, and lists what the catalog holds.
 */
public final class PluginCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: orrery plugin new ID [--grid] [--in FOLDER]
                                            a plugin's folder, ID, from a template: a point kernel, or a grid
                                            kernel with --grid (kernel.json, ID.c, README.md)
                   orrery plugin build FOLDER
                                            ID.c into the modules kernel.json names, scalar and SIMD (needs
                                            clang, lld and binaryen)
                   orrery plugin check FOLDER|ZIP [--items N | --grid WxH] [--steps N]
                                            whether the application loads it, and every check of its kernel
                   orrery plugin pack FOLDER [--out ZIP]
                                            the zip to install (default ID-VERSION.zip here), plugin.properties
                                            written from kernel.json
                   orrery plugin install FOLDER|ZIP
                                            into your plugins folder (~/.orrery/plugins), once it loads
                   orrery plugin remove ID  a plugin you installed
                   orrery plugin list       every plugin the catalog lists, with its state and any error""";

    private final PrintStream out;
    private final PrintStream err;
    private final OrreryHome home;

    public PluginCommand(PrintStream out, PrintStream err, OrreryHome home) {
        this.out = out;
        this.err = err;
        this.home = home;
    }

    /** Runs the command with the arguments after {@code plugin}; returns the exit status. */
    public int run(List<String> args) {
        if (args.isEmpty() || args.contains("--help")) {
            (args.isEmpty() ? err : out).println(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.getFirst()) {
                case "new" -> create(rest);
                case "build" -> build(rest);
                case "check" -> check(rest);
                case "pack" -> pack(rest);
                case "install" -> install(rest);
                case "remove" -> remove(rest);
                case "list" -> list(rest);
                default -> usage("no command '" + args.getFirst() + "'");
            };
        } catch (IOException e) {
            err.println("orrery plugin " + args.getFirst() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private int create(List<String> args) throws IOException {
        if (args.isEmpty() || args.getFirst().startsWith("--")) {
            return usage("new needs the plugin's id, for example: orrery plugin new my-kernel");
        }
        KernelTemplate.Kind kind = KernelTemplate.Kind.POINT;
        Path parent = Path.of(".");
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--grid" -> kind = KernelTemplate.Kind.GRID;
                case "--in" -> {
                    if (++i == args.size()) {
                        return usage("--in needs a folder");
                    }
                    parent = Path.of(args.get(i));
                }
                default -> {
                    return usage("new does not take " + args.get(i));
                }
            }
        }
        Path folder;
        try {
            folder = KernelTemplate.create(parent, args.getFirst(), kind);
        } catch (IllegalArgumentException e) {
            err.println("orrery plugin new: " + e.getMessage());
            return USAGE;
        }
        out.println("Made " + folder + ": kernel.json, " + args.getFirst() + ".c and README.md, a "
                + kind.name().toLowerCase(Locale.ROOT) + " kernel. Next: orrery plugin build " + folder);
        return OK;
    }

    private int build(List<String> args) throws IOException {
        if (args.size() != 1) {
            return usage("build takes a plugin's folder");
        }
        Path folder = Path.of(args.getFirst());
        try {
            if (!new KernelBuild(out).build(folder, PluginPack.descriptor(folder))) {
                return FAILED;
            }
        } catch (DescriptorException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
        out.println("Built. Next: orrery plugin check " + folder);
        return OK;
    }

    private int check(List<String> args) throws IOException {
        if (args.isEmpty() || args.getFirst().startsWith("--")) {
            return usage("check needs a plugin's folder or zip");
        }
        return new PluginCheck(out).check(Path.of(args.getFirst()), args.subList(1, args.size()));
    }

    private int pack(List<String> args) throws IOException {
        Path out = null;
        if (args.size() == 3 && args.get(1).equals("--out")) {
            out = Path.of(args.get(2));
        } else if (args.size() != 1) {
            return usage("pack takes a plugin's folder, and --out ZIP if you like");
        }
        PluginPack pack = readPack(Path.of(args.getFirst()));
        if (pack == null) {
            return FAILED;
        }
        Path zip = pack.writeTo(out != null ? out : Path.of(pack.zipName()));
        this.out.println("Packed " + pack.descriptor().id() + " " + pack.descriptor().version() + " into " + zip
                + " (" + (pack.files().size() + 1) + " files: " + PluginPack.PROPERTIES + ", "
                + String.join(", ", pack.files()) + ")");
        this.out.println("Check it with: orrery plugin check " + zip + "; install it with: orrery plugin install " + zip);
        return OK;
    }

    private int install(List<String> args) throws IOException {
        if (args.size() != 1) {
            return usage("install takes a plugin's folder or zip");
        }
        try (ScratchFolder work = new ScratchFolder("orrery-install-")) {
            PluginCheck check = new PluginCheck(out);
            Path zip = check.zipOf(Path.of(args.getFirst()), work.path());
            // Only what the application will load goes in.
            if (zip == null || check.load(zip, work.path()) == null) {
                return FAILED;
            }
            PluginLibrary library = PluginLibrary.of(home);
            String id = library.install(zip, library.load());
            out.println("Installed " + id + " into " + home.plugins() + "; the application lists it the next time it starts,"
                    + " and orrery run --plugin " + id + " runs it.");
            return OK;
        }
    }

    private int remove(List<String> args) throws IOException {
        if (args.size() != 1) {
            return usage("remove takes a plugin's id (orrery plugin list shows them)");
        }
        PluginLibrary library = PluginLibrary.of(home);
        CatalogEntry entry = library.load().stream().filter(e -> e.id().equals(args.getFirst()) && e.installedByUser())
                .findFirst().orElse(null);
        if (entry == null) {
            err.println("orrery plugin remove: you have installed no plugin '" + args.getFirst() + "' in " + home.plugins());
            return FAILED;
        }
        library.remove(entry);
        out.println("Removed " + entry.id() + " from " + home.plugins());
        return OK;
    }

    private int list(List<String> args) throws IOException {
        if (!args.isEmpty()) {
            return usage("list takes no arguments");
        }
        List<CatalogEntry> entries = PluginLibrary.of(home).load();
        out.printf(Locale.ROOT, "%-20s %-10s %-9s %s%n", "ID", "VERSION", "STATE", "FROM");
        for (CatalogEntry entry : entries) {
            out.printf(Locale.ROOT, "%-20s %-10s %-9s %s%n", entry.id(), entry.version().isEmpty() ? "-" : entry.version(),
                    entry.status().name().toLowerCase(Locale.ROOT), entry.source());
            if (entry.status() == CatalogEntry.Status.FAILED) {
                out.println("    " + entry.reason().replace("\n", "\n    "));
            }
        }
        return OK;
    }

    /** The folder's pack, or null having said what is wrong. */
    private PluginPack readPack(Path folder) throws IOException {
        try {
            return PluginPack.of(folder);
        } catch (DescriptorException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    private int usage(String problem) {
        err.println("orrery plugin: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
