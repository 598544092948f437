package org.orrery.api.kernel;

import java.util.List;

/**
 * A kernel descriptor that cannot be used: every problem found in it, each naming its field. The
 * message names the file and lists them, one a line when there are several.
 */
public final class DescriptorException extends Exception {

    /**
     * One thing wrong with a descriptor.
     *
     * @param field the path of the offending field, for example {@code parameters[2].max}; empty for
     *     the whole file
     * @param problem what is wrong with it
     */
    public record Problem(String field, String problem) {
        @Override
        public String toString() {
            return (field.isEmpty() ? "" : field + ": ") + problem;
        }
    }

    private final List<Problem> problems;

    public DescriptorException(String source, String field, String problem) {
        this(source, List.of(new Problem(field, problem)));
    }

    /** @param problems at least one */
    public DescriptorException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<Problem> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.getFirst();
        }
        StringBuilder text = new StringBuilder(source).append(": ").append(problems.size()).append(" problems");
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }

    /** Every problem found, in the order of the descriptor's fields. */
    public List<Problem> problems() {
        return problems;
    }

    /** The first problem's field path, for example {@code parameters[2].max}; empty for the whole file. */
    public String field() {
        return problems.getFirst().field();
    }
}
