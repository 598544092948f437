package org.orrery.shell.author;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orrery.api.kernel.KernelDescriptor;

/**
 * {@code orrery plugin build}: compiles a plugin's C kernel into the modules its descriptor names,
 * with the SDK's own build script (clang for wasm32, wasm-ld, wasm-opt): {@code ID.c} into the
 * {@code module}, and, built again with SIMD, into the {@code simdModule} if it names one. The source
 * is the C file named like the scalar module ({@code swarm.wasm} from {@code swarm.c}).
 */
final class KernelBuild {

    private final PrintStream out;

    KernelBuild(PrintStream out) {
        this.out = out;
    }

    /** Builds every module; true when all were built, false having said why not. */
    boolean build(Path folder, KernelDescriptor descriptor) throws IOException, InterruptedException {
        String module = descriptor.module();
        Path source = folder.resolve(module.substring(0, module.length() - ".wasm".length()) + ".c");
        if (!Files.isRegularFile(source)) {
            out.println("build: no " + source.getFileName() + " in " + folder + ": the kernel's C source is named like"
                    + " its module (" + module + ")");
            return false;
        }
        try (ScratchFolder sdk = new ScratchFolder("orrery-sdk-")) {
            Path script = KernelSdk.unpackBuildTools(sdk.path());
            if (!compile(script, source, folder.resolve(module), false)) {
                return false;
            }
            if (descriptor.simdModule().isPresent()) {
                return compile(script, source, folder.resolve(descriptor.simdModule().get()), true);
            }
            return true;
        }
    }

    private boolean compile(Path script, Path source, Path module, boolean simd) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        if (simd) {
            command.add("--simd");
        }
        command.addAll(List.of(source.toString(), module.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream output = process.getInputStream()) {
            output.transferTo(out);
        }
        int status = process.waitFor();
        if (status != 0) {
            out.println("build: " + source.getFileName() + " did not build" + (simd ? " with SIMD" : "")
                    + " (exit status " + status + ")");
            return false;
        }
        out.printf("build: %s (%d bytes)%s%n", module, Files.size(module), simd ? ", with SIMD" : "");
        return true;
    }
}
