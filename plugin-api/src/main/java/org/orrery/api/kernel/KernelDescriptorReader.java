package org.orrery.api.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code kernel.json}. A refusal is a {@link DescriptorException} that names
 * the file and every problem found, each with its field (as a path such as
 * {@code parameters[1].max}) and what is wrong with it, so an author fixes them in one go. Unknown
 * fields are refused too, so that a misspelt optional field does not pass silently.
 */
public final class KernelDescriptorReader {

    /** The largest linear memory a wasm32 module can have. */
    /** The largest descriptor file read, in bytes: real ones are a few kilobytes. */
    public static final int MAX_BYTES = JsonReader.MAX_CHARS;
    public static final long MAX_MEMORY_MIB = 4096;
    public static final long MAX_STEP_MILLIS = 60_000;
    public static final int MAX_ITEMS = 1 << 28;
    public static final int MAX_LANES = 16;
    public static final int MAX_BUFFER_RECORDS = 1 << 26;

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}");
    private static final String NAME_RULE = "letters, digits and '_', not starting with a digit";
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");
    private static final Pattern PANEL_FILE = Pattern.compile("([A-Za-z0-9._-]{1,64}/){0,3}[A-Za-z0-9._-]{1,128}\\.html");
    private static final Pattern MODULE_FILE = Pattern.compile("[A-Za-z0-9._-]{1,128}\\.wasm");

    private final String source;
    /** What is wrong with the descriptor so far. */
    private final List<DescriptorException.Problem> problems = new ArrayList<>();

    private KernelDescriptorReader(String source) {
        this.source = source;
    }

    /**
     * @param json the descriptor's text
     * @param source where it came from, for messages (for example the file's path)
     */
    public static KernelDescriptor read(String json, String source) throws DescriptorException {
        return new KernelDescriptorReader(source).descriptor(json);
    }

    private KernelDescriptor descriptor(String json) throws DescriptorException {
        Object document;
        try {
            document = JsonReader.read(json);
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source, "", "not valid JSON: " + e.getMessage());
        }
        Map<String, Object> root = object(document, "");
        only(root, "", Set.of("id", "version", "name", "description", "abi", "module", "simdModule", "items",
                "state", "parameters", "buffer", "summary", "budget", "panel"));

        // Each part is read on its own, so one run reports every problem; a part that needs another
        // (the items need the state) is skipped when that one failed.
        String id = part(() -> matching(root, "id", ID,
                "lower-case letters, digits and '-', starting with a letter, at most 64"));
        String version = part(() -> matching(root, "version", VERSION, "MAJOR.MINOR.PATCH, for example 1.0.0"));
        String name = part(() -> text(root, "name", ""));
        String description = root.containsKey("description") ? part(() -> text(root, "description", "")) : "";
        Integer abi = part(() -> abi(root));
        String module = part(() -> matching(root, "module", MODULE_FILE,
                "a file name ending in .wasm, beside the descriptor"));
        Optional<String> simd = root.containsKey("simdModule")
                ? Optional.ofNullable(part(() -> matching(root, "simdModule", MODULE_FILE, "a file name ending in .wasm")))
                : Optional.empty();

        StateLayout state = part(() -> state(required(root, "state", "")));
        KernelDescriptor.ItemCount items = state == null ? null : part(() -> items(root, state));
        List<ParameterSpec> parameters = Objects.requireNonNullElse(part(() -> parameters(root.get("parameters"))),
                List.of());
        Optional<BufferSpec> buffer = root.containsKey("buffer")
                ? Optional.ofNullable(part(() -> buffer(root.get("buffer"), parameters)))
                : Optional.empty();
        List<SummarySpec> summaries = Objects.requireNonNullElse(part(() -> summaries(root.get("summary"))),
                List.of());

        Map<String, Object> budget = part(() -> object(required(root, "budget", ""), "budget"));
        Integer memoryMiB = null;
        Integer stepMillis = null;
        if (budget != null) {
            only(budget, "budget", Set.of("memoryMiB", "stepMillis"));
            memoryMiB = part(() -> integer(budget, "memoryMiB", "budget", 1, MAX_MEMORY_MIB));
            stepMillis = part(() -> integer(budget, "stepMillis", "budget", 1, MAX_STEP_MILLIS));
        }
        if (items != null && memoryMiB != null) {
            long stateBytes = (long) items.max() * state.stride();
            long bufferBytes = buffer.map(b -> 4L * b.fields().size() * b.maxRecords()).orElse(0L);
            if (2 * stateBytes + bufferBytes + (1 << 20) > (long) memoryMiB << 20) {
                problems.add(new DescriptorException.Problem("budget.memoryMiB", memoryMiB
                        + " MiB cannot hold the state of " + items.max() + " items twice, in and out ("
                        + (2 * stateBytes) + " bytes)"
                        + (bufferBytes > 0 ? ", the largest buffer (" + bufferBytes + " bytes)," : "")
                        + " plus 1 MiB for the kernel"));
            }
        }
        Optional<String> panel = root.containsKey("panel") ? Optional.ofNullable(part(() -> panel(root)))
                : Optional.empty();
        if (!problems.isEmpty()) {
            throw new DescriptorException(source, problems);
        }
        return new KernelDescriptor(id, version, name, description, abi, module, simd, items, state, parameters,
                buffer, summaries, (long) memoryMiB << 20, stepMillis, panel);
    }

    /** One part of the descriptor, read on its own. */
    private interface Part<T> {
        T read() throws DescriptorException;
    }

    /** The part's value, or null when it was refused: then its problems are kept and reading goes on. */
    private <T> T part(Part<T> part) {
        try {
            return part.read();
        } catch (DescriptorException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private int abi(Map<String, Object> root) throws DescriptorException {
        int abi = integer(root, "abi", "", 0, Integer.MAX_VALUE);
        if (abi != KernelAbi.VERSION) {
            throw new DescriptorException(source, "abi", "this host implements kernel ABI version "
                    + KernelAbi.VERSION + ", the plugin declares version " + abi);
        }
        return abi;
    }

    /** A relative path to an .html file inside the plugin's folder: no '..', no leading '/'. */
    private String panel(Map<String, Object> root) throws DescriptorException {
        String path = matching(root, "panel", PANEL_FILE,
                "a path inside the plugin's folder to an .html file, for example panel/index.html");
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new DescriptorException(source, "panel", "'" + path + "' leaves or names the plugin's folder;"
                        + " the panel must be a file inside it, for example panel/index.html");
            }
        }
        return path;
    }

    private StateLayout state(Object value) throws DescriptorException {
        Map<String, Object> state = object(value, "state");
        only(state, "state", Set.of("element", "lanes", "grid"));
        String elementName = text(state, "element", "state");
        ElementType element;
        try {
            element = ElementType.valueOf(elementName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source, "state.element", "\"" + elementName
                    + "\" is not an element type; use f32, f64, i32 or u32");
        }
        int lanes = integer(state, "lanes", "state", 1, MAX_LANES);
        if (!state.containsKey("grid")) {
            return StateLayout.items(element, lanes);
        }
        Map<String, Object> grid = object(state.get("grid"), "state.grid");
        only(grid, "state.grid", Set.of("width", "height", "maxWidth", "maxHeight"));
        int width = integer(grid, "width", "state.grid", 1, 65_536);
        int height = integer(grid, "height", "state.grid", 1, 65_536);
        int maxWidth = grid.containsKey("maxWidth") ? integer(grid, "maxWidth", "state.grid", width, 65_536) : width;
        int maxHeight = grid.containsKey("maxHeight") ? integer(grid, "maxHeight", "state.grid", height, 65_536)
                : height;
        if ((long) maxWidth * maxHeight > MAX_ITEMS) {
            throw new DescriptorException(source, "state.grid", maxWidth + " x " + maxHeight + " cells exceed "
                    + MAX_ITEMS + " items");
        }
        return new StateLayout(element, lanes, width, height, maxWidth, maxHeight);
    }

    private BufferSpec buffer(Object value, List<ParameterSpec> parameters) throws DescriptorException {
        Map<String, Object> buffer = object(value, "buffer");
        only(buffer, "buffer", Set.of("name", "label", "fields", "maxRecords"));
        String name = matching(buffer, "name", "buffer", PARAMETER_NAME, NAME_RULE);
        if (parameters.stream().anyMatch(p -> p.name().equals(name))) {
            throw new DescriptorException(source, "buffer.name", "\"" + name + "\" is also a parameter's name");
        }
        String label = buffer.containsKey("label") ? text(buffer, "label", "buffer") : name;
        if (!(buffer.get("fields") instanceof List<?> names) || names.isEmpty() || names.size() > MAX_LANES) {
            throw new DescriptorException(source, "buffer.fields", "needs a list of 1 to " + MAX_LANES + " field names");
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!(names.get(i) instanceof String field) || !PARAMETER_NAME.matcher(field).matches()
                    || fields.contains(field)) {
                throw new DescriptorException(source, "buffer.fields[" + i + "]",
                        "must be a distinct name of " + NAME_RULE);
            }
            fields.add(field);
        }
        int maxRecords = integer(buffer, "maxRecords", "buffer", 1, MAX_BUFFER_RECORDS);
        return new BufferSpec(name, label, fields, maxRecords);
    }

    private List<SummarySpec> summaries(Object value) throws DescriptorException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > KernelAbi.MAX_SUMMARIES) {
            throw new DescriptorException(source, "summary", "needs a list of 1 to " + KernelAbi.MAX_SUMMARIES
                    + " values, each { \"name\": ..., \"reduce\": \"sum\", \"min\" or \"max\" }");
        }
        List<SummarySpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "summary[" + i + "]";
            Object entry = list.get(i);
            SummarySpec spec = part(() -> summary(entry, path));
            if (spec == null) {
                continue;
            }
            if (specs.stream().anyMatch(other -> other.name().equals(spec.name()))) {
                problems.add(new DescriptorException.Problem(path + ".name", "\"" + spec.name() + "\" is declared twice"));
            } else {
                specs.add(spec);
            }
        }
        return specs;
    }

    private SummarySpec summary(Object value, String path) throws DescriptorException {
        Map<String, Object> s = object(value, path);
        only(s, path, Set.of("name", "reduce", "label"));
        String name = matching(s, "name", path, PARAMETER_NAME, NAME_RULE);
        String reduceName = text(s, "reduce", path);
        SummarySpec.Reduce reduce;
        try {
            reduce = SummarySpec.Reduce.valueOf(reduceName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source, path + ".reduce", "\"" + reduceName
                    + "\" is not a reduction; use sum, min or max");
        }
        String label = s.containsKey("label") ? text(s, "label", path) : name;
        return new SummarySpec(name, reduce, label);
    }

    private KernelDescriptor.ItemCount items(Map<String, Object> root, StateLayout state) throws DescriptorException {
        if (state.isGrid()) {
            if (root.containsKey("items")) {
                throw new DescriptorException(source, "items", "a grid kernel has one item per cell: "
                        + "leave items out, state.grid sets the count");
            }
            return new KernelDescriptor.ItemCount(state.gridWidth() * state.gridHeight(), 1,
                    state.maxGridWidth() * state.maxGridHeight());
        }
        Map<String, Object> items = object(required(root, "items", ""), "items");
        only(items, "items", Set.of("default", "min", "max"));
        int min = integer(items, "min", "items", 1, MAX_ITEMS);
        int max = integer(items, "max", "items", 1, MAX_ITEMS);
        int defaultCount = integer(items, "default", "items", 1, MAX_ITEMS);
        if (min > max) {
            throw new DescriptorException(source, "items.max", max + " is below items.min " + min);
        }
        if (defaultCount < min || defaultCount > max) {
            throw new DescriptorException(source, "items.default", defaultCount + " is outside [" + min + ", "
                    + max + "]");
        }
        return new KernelDescriptor.ItemCount(defaultCount, min, max);
    }

    private List<ParameterSpec> parameters(Object value) throws DescriptorException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DescriptorException(source, "parameters", "must be a list");
        }
        List<ParameterSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "parameters[" + i + "]";
            Object entry = list.get(i);
            ParameterSpec spec = part(() -> parameter(object(entry, path), path));
            if (spec == null) {
                continue;
            }
            if (!names.add(spec.name())) {
                problems.add(new DescriptorException.Problem(path + ".name", "\"" + spec.name() + "\" is declared twice"));
            } else {
                specs.add(spec);
            }
        }
        return specs;
    }

    private ParameterSpec parameter(Map<String, Object> p, String path) throws DescriptorException {
        only(p, path, Set.of("name", "type", "min", "max", "default", "unit", "label", "choices"));
        String name = matching(p, "name", path, PARAMETER_NAME, NAME_RULE);
        String typeName = text(p, "type", path);
        ParameterType type;
        try {
            type = ParameterType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source, path + ".type", "\"" + typeName
                    + "\" is not a parameter type; use real, integer or choice");
        }
        String unit = p.containsKey("unit") ? text(p, "unit", path) : "";
        String label = p.containsKey("label") ? text(p, "label", path) : name;
        if (type == ParameterType.CHOICE) {
            return choice(p, path, name, unit, label);
        }
        if (p.containsKey("choices")) {
            throw new DescriptorException(source, path + ".choices", "only a choice parameter has choices");
        }
        double min = number(p, "min", path);
        double max = number(p, "max", path);
        double defaultValue = number(p, "default", path);
        if (!(min < max)) {
            throw new DescriptorException(source, path + ".max", max + " must be above min " + min);
        }
        ParameterSpec spec = new ParameterSpec(name, type, min, max, defaultValue, unit, label, List.of());
        if (type == ParameterType.INTEGER && (min != Math.rint(min) || max != Math.rint(max))) {
            throw new DescriptorException(source, path, "an integer parameter needs whole min and max");
        }
        if (!spec.accepts(defaultValue)) {
            throw new DescriptorException(source, path + ".default", defaultValue + " is not an accepted value in ["
                    + min + ", " + max + "]" + (type == ParameterType.INTEGER ? " (whole numbers)" : ""));
        }
        return spec;
    }

    private ParameterSpec choice(Map<String, Object> p, String path, String name, String unit, String label)
            throws DescriptorException {
        for (String numeric : List.of("min", "max")) {
            if (p.containsKey(numeric)) {
                throw new DescriptorException(source, path + "." + numeric, "a choice parameter has no " + numeric);
            }
        }
        if (!(p.get("choices") instanceof List<?> options) || options.isEmpty()) {
            throw new DescriptorException(source, path + ".choices", "a choice parameter needs a non-empty list of names");
        }
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (!(options.get(i) instanceof String option) || option.isEmpty() || choices.contains(option)) {
                throw new DescriptorException(source, path + ".choices[" + i + "]", "must be a distinct, non-empty name");
            }
            choices.add(option);
        }
        String defaultChoice = text(p, "default", path);
        int index = choices.indexOf(defaultChoice);
        if (index < 0) {
            throw new DescriptorException(source, path + ".default", "\"" + defaultChoice + "\" is not one of " + choices);
        }
        return new ParameterSpec(name, ParameterType.CHOICE, 0, choices.size() - 1, index, unit, label, choices);
    }

    // ---- typed field access: each names the field when it refuses ----------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object value, String path) throws DescriptorException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new DescriptorException(source, path, "must be an object { ... }");
        }
        return (Map<String, Object>) map;
    }

    /** Notes each field the object has that is not one of {@code known}, and reading goes on. */
    private void only(Map<String, Object> object, String path, Set<String> known) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                problems.add(new DescriptorException.Problem(join(path, key), "unknown field; known fields are "
                        + known.stream().sorted().toList()));
            }
        }
    }

    private Object required(Map<String, Object> object, String key, String path) throws DescriptorException {
        Object value = object.get(key);
        if (value == null) {
            throw new DescriptorException(source, join(path, key), "is required");
        }
        return value;
    }

    private String text(Map<String, Object> object, String key, String path) throws DescriptorException {
        if (!(required(object, key, path) instanceof String s) || s.isBlank()) {
            throw new DescriptorException(source, join(path, key), "must be a non-empty string");
        }
        return s;
    }

    private String matching(Map<String, Object> object, String key, Pattern pattern, String rule)
            throws DescriptorException {
        return matching(object, key, "", pattern, rule);
    }

    private String matching(Map<String, Object> object, String key, String path, Pattern pattern, String rule)
            throws DescriptorException {
        String value = text(object, key, path);
        if (!pattern.matcher(value).matches()) {
            throw new DescriptorException(source, join(path, key), "\"" + value + "\" is not valid: " + rule);
        }
        return value;
    }

    private double number(Map<String, Object> object, String key, String path) throws DescriptorException {
        if (!(required(object, key, path) instanceof Double d) || !Double.isFinite(d)) {
            throw new DescriptorException(source, join(path, key), "must be a number");
        }
        return d;
    }

    private int integer(Map<String, Object> object, String key, String path, long min, long max)
            throws DescriptorException {
        double d = number(object, key, path);
        if (d != Math.rint(d) || d < min || d > max) {
            throw new DescriptorException(source, join(path, key), "must be a whole number from " + min + " to "
                    + max + ", was " + (d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d)));
        }
        return (int) d;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
