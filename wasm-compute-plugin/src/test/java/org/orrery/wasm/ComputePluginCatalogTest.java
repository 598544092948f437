package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.plugins.ComputePluginCatalog;

/** Plugin zips as PF4J finds them in a plugins folder, made here from the test kernels. */
class ComputePluginCatalogTest {

    private static final WasmEngine RUNTIME = TestHost.GRAALWASM;
    private static final StepWatchdog WATCHDOG = TestHost.WATCHDOG;

    @TempDir
    Path plugins;

    private static String properties(String id) {
        return "plugin.id=" + id + "\nplugin.version=1.0.0\nplugin.provider=Orrery tests\n";
    }

    private void zip(String name, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(plugins.resolve(name + ".zip"));
             ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private Map<String, byte[]> plugin(String propertiesId, String descriptorId, boolean withModule) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("plugin.properties", properties(propertiesId).getBytes(StandardCharsets.UTF_8));
        entries.put("kernel.json", TestHost.scaleDescriptorJson(descriptorId, "scale.wasm").getBytes(StandardCharsets.UTF_8));
        if (withModule) {
            entries.put("scale.wasm", TestHost.kernel("scale.wasm"));
        }
        return entries;
    }

    @Test
    void loadsAPluginZipAndRunsItsKernel() throws Exception {
        zip("scale-1.0.0", plugin("scale", "scale", true));
        ComputePluginCatalog catalog = ComputePluginCatalog.load(plugins);
        assertThat(catalog.failures()).isEmpty();
        ComputePlugin plugin = catalog.plugin("scale").orElseThrow();
        assertThat(plugin.version()).isEqualTo("1.0.0");
        assertThat(plugin.descriptor().name()).isEqualTo("Scale");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = plugin.module(RUNTIME, WATCHDOG).newInstance(4)) {
            MemorySegment state = arena.allocate(16, 4);
            kernel.writeParameters(new double[] {3, 0});
            kernel.reset(0, 4);
            kernel.readState(0, 4, state, 0);
            assertThat(state.getAtIndex(ValueLayout.JAVA_FLOAT, 3)).isEqualTo(9f);
        }
    }

    @Test
    void aBrokenPluginIsReportedWithItsReasonAndTheOthersStillLoad() throws Exception {
        zip("good-1.0.0", plugin("good", "good", true));
        zip("missing-module-1.0.0", plugin("missing-module", "missing-module", false));
        zip("wrong-id-1.0.0", plugin("wrong-id", "other-id", true));
        Map<String, byte[]> broken = plugin("broken", "broken", true);
        broken.put("kernel.json", "{ \"id\": \"broken\", \"abi\": 1 ".getBytes(StandardCharsets.UTF_8));
        zip("broken-1.0.0", broken);
        Map<String, byte[]> notCompute = new LinkedHashMap<>();
        notCompute.put("plugin.properties", properties("a-view").getBytes(StandardCharsets.UTF_8));
        zip("a-view-1.0.0", notCompute);

        ComputePluginCatalog catalog = ComputePluginCatalog.load(plugins);

        assertThat(catalog.plugins()).extracting(ComputePlugin::id).containsExactly("good");
        assertThat(catalog.failures()).extracting(ComputePluginCatalog.Failure::pluginId)
                .containsExactlyInAnyOrder("missing-module", "wrong-id", "broken");
        assertThat(catalog.failures()).anySatisfy(f -> assertThat(f.reason()).contains("scale.wasm").contains("missing"));
        assertThat(catalog.failures()).anySatisfy(f -> assertThat(f.reason()).contains("'other-id'").contains("'wrong-id'"));
        assertThat(catalog.failures()).anySatisfy(f -> assertThat(f.reason()).startsWith("broken/kernel.json"));
    }

    @Test
    void hostilePluginsAreListedAsFailedAndTwoGoodOnesLoad() throws Exception {
        zip("good-1.0.0", plugin("good", "good", true));
        zip("also-good-1.0.0", plugin("also-good", "also-good", true));
        // A descriptor nested 100,000 deep: it overflowed the stack of a recursive reader.
        Map<String, byte[]> deep = plugin("deep", "deep", true);
        deep.put("kernel.json", "[".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        zip("deep-1.0.0", deep);
        // A zip that climbs out of the plugins folder after two good entries.
        Map<String, byte[]> escaping = plugin("escaping", "escaping", true);
        escaping.put("../escaped.txt", "out".getBytes(StandardCharsets.UTF_8));
        zip("escaping-1.0.0", escaping);
        // A descriptor of 2 MB.
        Map<String, byte[]> huge = plugin("huge", "huge", true);
        huge.put("kernel.json", ("{\"description\": \"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));
        zip("huge-1.0.0", huge);

        ComputePluginCatalog catalog = ComputePluginCatalog.load(plugins);

        assertThat(catalog.plugins()).extracting(ComputePlugin::id).containsExactlyInAnyOrder("good", "also-good");
        assertThat(catalog.failures()).extracting(ComputePluginCatalog.Failure::pluginId)
                .containsExactlyInAnyOrder("deep", "escaping-1.0.0", "huge");
        assertThat(catalog.failures()).anySatisfy(f -> assertThat(f.reason())
                .startsWith("deep/kernel.json: not valid JSON: ").contains("nesting depth"));
        assertThat(catalog.failures()).anySatisfy(f -> assertThat(f.reason())
                .isEqualTo("escaping-1.0.0.zip: entry '../escaped.txt' leaves the plugin's folder ('..'); nothing was unpacked"));
        assertThat(catalog.failures()).anySatisfy(f -> assertThat(f.reason()).contains("over the limit of 1,048,576"));
        assertThat(plugins.resolve("escaping-1.0.0")).as("nothing of the refused zip unpacked").doesNotExist();
        assertThat(plugins.resolveSibling("escaped.txt")).doesNotExist();
    }
}
