package org.orrery.api.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelDescriptorReaderTest {

    private static final String VALID = """
            {
              "id": "nbody",
              "version": "1.2.0",
              "name": "N-body gravity",
              "abi": 1,
              "module": "nbody.wasm",
              "simdModule": "nbody-simd.wasm",
              "items": { "default": 4096, "min": 256, "max": 16384 },
              "state": { "element": "f32", "lanes": 4 },
              "parameters": [
                { "name": "gravity", "type": "real", "min": 0, "max": 10, "default": 1, "unit": "G", "label": "Gravity" },
                { "name": "seed", "type": "integer", "min": 0, "max": 1000000, "default": 42 },
                { "name": "distribution", "type": "choice", "choices": ["disc", "sphere", "clusters"], "default": "sphere" }
              ],
              "budget": { "memoryMiB": 64, "stepMillis": 100 }
            }
            """;

    @Test
    void readsEveryFieldOfAValidDescriptor() throws Exception {
        KernelDescriptor d = KernelDescriptorReader.read(VALID, "nbody/kernel.json");
        assertThat(d.id()).isEqualTo("nbody");
        assertThat(d.version()).isEqualTo("1.2.0");
        assertThat(d.abiVersion()).isEqualTo(KernelAbi.VERSION);
        assertThat(d.module()).isEqualTo("nbody.wasm");
        assertThat(d.simdModule()).contains("nbody-simd.wasm");
        assertThat(d.items()).isEqualTo(new KernelDescriptor.ItemCount(4096, 256, 16384));
        assertThat(d.state()).isEqualTo(StateLayout.items(ElementType.F32, 4));
        assertThat(d.state().stride()).isEqualTo(16);
        assertThat(d.stateBytes(1000)).isEqualTo(16_000);
        assertThat(d.memoryBudgetBytes()).isEqualTo(64L << 20);
        assertThat(d.stepBudgetMillis()).isEqualTo(100);
        assertThat(d.parameters()).extracting(ParameterSpec::name).containsExactly("gravity", "seed", "distribution");
        ParameterSpec gravity = d.parameters().get(0);
        assertThat(gravity.unit()).isEqualTo("G");
        assertThat(gravity.label()).isEqualTo("Gravity");
        assertThat(d.parameters().get(1).label()).as("label defaults to the name").isEqualTo("seed");
        ParameterSpec distribution = d.parameters().get(2);
        assertThat(distribution.choices()).containsExactly("disc", "sphere", "clusters");
        assertThat(distribution.defaultValue()).isEqualTo(1);
        assertThat(distribution.max()).isEqualTo(2);
    }

    private static final String GRID = """
            { "id": "heat", "version": "0.1.0", "name": "Heat", "abi": 1, "module": "heat.wasm",
              "state": { "element": "f32", "lanes": 1, "grid": { "width": 512, "height": 256, "maxWidth": 2048 } },
              "parameters": [ { "name": "diffusivity", "type": "real", "min": 0, "max": 1, "default": 0.2 } ],
              "buffer": { "name": "sources", "label": "Heat sources", "fields": ["x", "y", "temperature"],
                          "maxRecords": 64 },
              "budget": { "memoryMiB": 16, "stepMillis": 50 } }
            """;

    @Test
    void aGridKernelTakesItsItemCountFromTheGrid() throws Exception {
        KernelDescriptor d = KernelDescriptorReader.read(GRID, "heat/kernel.json");
        assertThat(d.items()).as("default grid, then up to the largest").isEqualTo(
                new KernelDescriptor.ItemCount(512 * 256, 1, 2048 * 256));
        assertThat(d.state().isGrid()).isTrue();
        assertThat(d.state().acceptsGrid(2048, 256)).isTrue();
        assertThat(d.state().acceptsGrid(2049, 256)).as("wider than maxWidth").isFalse();
        assertThat(d.state().acceptsGrid(512, 257)).as("maxHeight defaults to height").isFalse();
        assertThat(d.state().acceptsGrid(0, 10)).isFalse();
        assertThat(d.simdModule()).isEmpty();
        assertThat(KernelDescriptorReader.read(VALID, "k").state().acceptsGrid(1, 1)).as("not a grid").isFalse();
    }

    @Test
    void readsAParameterBuffer() throws Exception {
        BufferSpec buffer = KernelDescriptorReader.read(GRID, "heat/kernel.json").buffer().orElseThrow();
        assertThat(buffer.name()).isEqualTo("sources");
        assertThat(buffer.label()).isEqualTo("Heat sources");
        assertThat(buffer.fields()).containsExactly("x", "y", "temperature");
        assertThat(buffer.maxRecords()).isEqualTo(64);
        assertThat(buffer.values(5)).isEqualTo(15);
        assertThat(KernelDescriptorReader.read(VALID, "k").buffer()).isEmpty();
    }

    @Test
    void readsAWebPanelInsideThePluginsFolder() throws Exception {
        String withPanel = VALID.replace("\"abi\": 1,", "\"abi\": 1, \"panel\": \"panel/index.html\",");
        assertThat(KernelDescriptorReader.read(withPanel, "k").panel()).contains("panel/index.html");
        assertThat(KernelDescriptorReader.read(VALID, "k").panel()).isEmpty();
    }

    @Test
    void readsSummaryValuesInOrderWithTheirReductions() throws Exception {
        String withSummary = VALID.replace("\"abi\": 1,", "\"abi\": 1, \"summary\": ["
                + "{ \"name\": \"kinetic\", \"reduce\": \"sum\", \"label\": \"Kinetic energy\" },"
                + "{ \"name\": \"coldest\", \"reduce\": \"min\" }, { \"name\": \"hottest\", \"reduce\": \"MAX\" }],");
        assertThat(KernelDescriptorReader.read(withSummary, "k").summaries()).containsExactly(
                new SummarySpec("kinetic", SummarySpec.Reduce.SUM, "Kinetic energy"),
                new SummarySpec("coldest", SummarySpec.Reduce.MIN, "coldest"),
                new SummarySpec("hottest", SummarySpec.Reduce.MAX, "hottest"));
        assertThat(KernelDescriptorReader.read(VALID, "k").summaries()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|summary|1 to 16 values",
        "{ \"name\": \"e\" }|summary|1 to 16 values",
        "[{ \"name\": \"e\" }]|summary[0].reduce|is required",
        "[{ \"name\": \"e\", \"reduce\": \"mean\" }]|summary[0].reduce|use sum, min or max",
        "[{ \"name\": \"2e\", \"reduce\": \"sum\" }]|summary[0].name|is not valid",
        "[{ \"name\": \"e\", \"reduce\": \"sum\" }, { \"name\": \"e\", \"reduce\": \"max\" }]|summary[1].name|declared twice",
        "[{ \"name\": \"e\", \"reduce\": \"sum\", \"unit\": \"J\" }]|summary[0].unit|unknown field",
    })
    void refusesABrokenSummaryNamingTheField(String summary, String field, String reason) {
        String broken = VALID.replace("\"abi\": 1,", "\"abi\": 1, \"summary\": " + summary + ",");
        assertThatThrownBy(() -> KernelDescriptorReader.read(broken, "k"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("k: " + field + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void refusesMoreSummaryValuesThanTheHostCarries() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= KernelAbi.MAX_SUMMARIES; i++) {
            many.append(i == 0 ? "" : ",").append("{ \"name\": \"v").append(i).append("\", \"reduce\": \"sum\" }");
        }
        String tooMany = VALID.replace("\"abi\": 1,", "\"abi\": 1, \"summary\": " + many + "],");
        assertThatThrownBy(() -> KernelDescriptorReader.read(tooMany, "k"))
                .hasMessageStartingWith("k: summary: ").hasMessageContaining("1 to 16 values");
    }

    @Test
    void summaryReductionsCombineParts() {
        double sum = SummarySpec.Reduce.SUM.identity();
        double min = SummarySpec.Reduce.MIN.identity();
        double max = SummarySpec.Reduce.MAX.identity();
        for (double part : new double[] {2.5, -1, 4}) {
            sum = SummarySpec.Reduce.SUM.combine(sum, part);
            min = SummarySpec.Reduce.MIN.combine(min, part);
            max = SummarySpec.Reduce.MAX.combine(max, part);
        }
        assertThat(sum).isEqualTo(5.5);
        assertThat(min).isEqualTo(-1);
        assertThat(max).isEqualTo(4);
        assertThat(SummarySpec.Reduce.MAX.combine(max, Double.NaN)).isNaN();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../secret.html|leaves or names the plugin's folder",
        "panel/../../x.html|leaves or names the plugin's folder",
        "/etc/panel.html|is not valid: a path inside the plugin's folder",
        "panel/index.htm|is not valid",
        "a/b/c/d/e.html|is not valid",
    })
    void refusesAPanelOutsideThePluginsFolder(String path, String reason) {
        String broken = VALID.replace("\"abi\": 1,", "\"abi\": 1, \"panel\": \"" + path + "\",");
        assertThatThrownBy(() -> KernelDescriptorReader.read(broken, "k"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("k: panel: ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"maxWidth\": 2048|\"maxWidth\": 100|state.grid.maxWidth|from 512 to 65536",
        "\"maxWidth\": 2048|\"maxWidth\": 65536, \"maxHeight\": 65536|state.grid|exceed",
        "\"maxWidth\": 2048|\"depth\": 4|state.grid.depth|unknown field",
        "\"name\": \"sources\"|\"name\": \"diffusivity\"|buffer.name|also a parameter's name",
        "[\"x\", \"y\", \"temperature\"]|[]|buffer.fields|1 to 16 field names",
        "[\"x\", \"y\", \"temperature\"]|[\"x\", \"x\"]|buffer.fields[1]|distinct",
        "\"maxRecords\": 64|\"maxRecords\": 0|buffer.maxRecords|from 1 to 67108864",
        "\"maxRecords\": 64|\"maxRecords\": 1000000|budget.memoryMiB|the largest buffer (12000000 bytes)",
        "\"maxRecords\": 64|\"maxRecords\": 64, \"shape\": 1|buffer.shape|unknown field",
    })
    void refusesABadGridOrBufferAndNamesIt(String from, String to, String field, String reason) {
        assertThat(GRID).contains(from);
        String broken = GRID.replace(from, to);
        assertThatThrownBy(() -> KernelDescriptorReader.read(broken, "heat/kernel.json"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("heat/kernel.json: " + field + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void parameterSpecsAcceptOnlyValuesInRange() throws Exception {
        List<ParameterSpec> p = KernelDescriptorReader.read(VALID, "k").parameters();
        assertThat(p.get(0).accepts(10)).isTrue();
        assertThat(p.get(0).accepts(10.5)).isFalse();
        assertThat(p.get(0).accepts(Double.NaN)).isFalse();
        assertThat(p.get(1).accepts(3.5)).as("integer").isFalse();
        assertThat(p.get(2).accepts(3)).as("no fourth choice").isFalse();
    }

    /** Each row: a replacement applied to the valid descriptor, the field named, a phrase of the reason. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"abi\": 1|\"abi\": 2|abi|implements kernel ABI version 1, the plugin declares version 2",
        "\"id\": \"nbody\"|\"id\": \"N Body\"|id|is not valid",
        "\"version\": \"1.2.0\"|\"version\": \"1.2\"|version|MAJOR.MINOR.PATCH",
        "\"module\": \"nbody.wasm\"|\"module\": \"../nbody.wasm\"|module|a file name ending in .wasm",
        "\"abi\": 1,|\"abi\": 1, \"colour\": \"red\",|colour|unknown field",
        "\"min\": 256|\"min\": 20000|items.max|is below items.min",
        "\"default\": 4096|\"default\": 4096.5|items.default|whole number",
        "\"element\": \"f32\"|\"element\": \"f16\"|state.element|use f32, f64, i32 or u32",
        "\"lanes\": 4|\"lanes\": 0|state.lanes|from 1 to 16",
        "\"max\": 10, \"default\": 1|\"max\": 10, \"default\": 11|parameters[0].default|is not an accepted value",
        "\"min\": 0, \"max\": 10,|\"min\": 10, \"max\": 0,|parameters[0].max|must be above min",
        "\"name\": \"seed\"|\"name\": \"gravity\"|parameters[1].name|declared twice",
        "\"type\": \"integer\"|\"type\": \"int\"|parameters[1].type|use real, integer or choice",
        "\"default\": \"sphere\"|\"default\": \"cube\"|parameters[2].default|is not one of [disc, sphere, clusters]",
        "[\"disc\", \"sphere\", \"clusters\"]|[\"disc\", \"disc\"]|parameters[2].choices[1]|distinct",
        "\"memoryMiB\": 64|\"memoryMiB\": 8192|budget.memoryMiB|from 1 to 4096",
        "\"memoryMiB\": 64|\"memoryMiB\": 1|budget.memoryMiB|cannot hold the state of 16384 items",
        "\"stepMillis\": 100|\"stepMillis\": -5|budget.stepMillis|whole number",
        "\"budget\": { \"memoryMiB\": 64, \"stepMillis\": 100 }|\"budget\": 3|budget|must be an object",
    })
    void refusesABadFieldAndNamesIt(String from, String to, String field, String reason) {
        assertThat(VALID).contains(from);
        String broken = VALID.replace(from, to);
        assertThatThrownBy(() -> KernelDescriptorReader.read(broken, "nbody/kernel.json"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("nbody/kernel.json: " + field + ": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((DescriptorException) e).field()).isEqualTo(field));
    }

    @Test
    void reportsEveryProblemAtOnceEachWithItsField() {
        String broken = VALID.replace("\"version\": \"1.2.0\"", "\"version\": \"one\"")
                .replace("\"type\": \"integer\"", "\"type\": \"int\"")
                .replace("\"stepMillis\": 100", "\"stepMillis\": 100, \"stepMilis\": 5")
                .replace("\"memoryMiB\": 64", "\"memoryMiB\": 0");
        assertThatThrownBy(() -> KernelDescriptorReader.read(broken, "k"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("k: 4 problems\n  version: ")
                .satisfies(e -> assertThat(((DescriptorException) e).problems())
                        .extracting(DescriptorException.Problem::field)
                        .containsExactly("version", "parameters[1].type", "budget.stepMilis", "budget.memoryMiB"));
    }

    @Test
    void aMisspeltRequiredFieldIsUnknownAndMissing() {
        assertThatThrownBy(() -> KernelDescriptorReader.read(VALID.replace("\"module\":", "\"modul\":"), "k"))
                .satisfies(e -> assertThat(((DescriptorException) e).problems()).extracting(DescriptorException.Problem::toString)
                        .containsExactly("modul: unknown field; known fields are [abi, budget, buffer, description, id, items,"
                                + " module, name, panel, parameters, simdModule, state, summary, version]",
                                "module: is required"));
    }

    @Test
    void refusesMissingFieldsAndText() {
        assertThatThrownBy(() -> KernelDescriptorReader.read(VALID.replace("\"name\": \"N-body gravity\",", ""), "k"))
                .hasMessage("k: name: is required");
        assertThatThrownBy(() -> KernelDescriptorReader.read("{ \"id\": \"x\", }", "k"))
                .hasMessageStartingWith("k: not valid JSON: line 1, column 14: Unexpected character ('}' (code 125)): was expecting double-quote to start property name");
        assertThatThrownBy(() -> KernelDescriptorReader.read("", "k")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> KernelDescriptorReader.read("\u0000\u0001binary", "k")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> KernelDescriptorReader.read("[1, 2]", "k")).hasMessage("k: must be an object { ... }");
        assertThatThrownBy(() -> KernelDescriptorReader.read(VALID.replace("\"abi\": 1,", "\"abi\": 1, \"abi\": 1,"), "k"))
                .hasMessageContaining("\"abi\" appears twice");
    }
}
