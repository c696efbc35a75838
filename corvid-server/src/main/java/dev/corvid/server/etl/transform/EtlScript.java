package dev.corvid.server.etl.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A transformation script, checked and analysed once per (task, transformation).
 *
 * <p>The user's script becomes the body of a function, so that a top-level {@code return;} skips the
 * document, and top-level variables do not leak from one document into the next. The function's
 * first line also hands out the script's delete-behaviour functions, which are hoisted and therefore
 * reachable without running the body. That first line carries no line break, so line numbers in
 * errors are the user's.
 *
 * <p>Immutable and thread-safe; {@link ScriptRunner}s on many threads may share one instance.
 */
public final class EtlScript {
    private static final String TRAILER = "\n})";

    private final String name;
    private final String source;
    private final ScriptKind kind;
    private final ScriptAnalysis analysis;
    private final Source wrapped;
    private final int headerLength;

    private EtlScript(String name, String source, ScriptKind kind, ScriptAnalysis analysis) {
        this.name = name;
        this.source = source;
        this.kind = kind;
        this.analysis = analysis;
        String header = header(analysis);
        this.headerLength = header.length();
        this.wrapped = Source.newBuilder("js", header + source + TRAILER, name).buildLiteral();
    }

    /**
     * Checks the script's syntax with GraalJS and analyses it.
     *
     * @param source the script; {@code null} counts as blank
     * @throws ScriptException when the script does not parse; the message has the line and column
     */
    public static EtlScript compile(String transformationName, String source, ScriptKind kind) {
        EtlScript script = analyse(transformationName, source, kind);
        script.syntaxError().ifPresent(message -> {
            throw new ScriptException(message);
        });
        return script;
    }

    /**
     * Everything wrong with a script, as RavenDB words it where RavenDB has a rule (ETL.md §1.4):
     * syntax errors, a non-empty script without {@code loadTo}, 3.x {@code replicateTo}, duplicate
     * behaviour functions, and the functions SQL ETL does not support. Empty when the script is fine.
     * Rules that need the task's collections are the configuration's to check, with
     * {@link #deleteBehaviorCollections()}.
     */
    public static List<String> validate(String transformationName, String source, ScriptKind kind) {
        EtlScript script = analyse(transformationName, source, kind);
        List<String> errors = new ArrayList<>();
        script.syntaxError().ifPresent(errors::add);
        errors.addAll(ScriptRules.check(transformationName, kind, script.analysis));
        return List.copyOf(errors);
    }

    private static EtlScript analyse(String transformationName, String source, ScriptKind kind) {
        Objects.requireNonNull(transformationName, "transformationName");
        Objects.requireNonNull(kind, "kind");
        String text = source == null ? "" : source;
        return new EtlScript(transformationName, text, kind, ScriptAnalysis.of(text));
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public ScriptKind kind() {
        return kind;
    }

    /**
     * True for the "copy everything" mode (ETL.md §4.9): a script without code (blanks and comments
     * only — RavenDB would reject a comment-only script instead), or — for Raven ETL — one that only
     * defines delete-behaviour functions.
     */
    public boolean isEmpty() {
        return isEmpty(kind, analysis);
    }

    static boolean isEmpty(ScriptKind kind, ScriptAnalysis analysis) {
        return analysis.blank() || (kind == ScriptKind.RAVEN && analysis.onlyDeleteBehaviors());
    }

    /**
     * The {@code loadTo} targets of real calls, in order of first appearance, as written:
     * {@code loadToOrders(…)} → {@code Orders}, {@code loadTo('Order Lines', …)} → {@code Order Lines}.
     * Occurrences in comments and strings do not count.
     */
    public Set<String> targets() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(analysis.targets()));
    }

    /** True when a delete-behaviour function applies to {@code collection}: its own (case-insensitive) or the generic one. */
    public boolean hasDeleteBehavior(String collection) {
        return analysis.genericDeleteBehaviorCount() > 0
                || analysis.deleteBehaviorCollections().stream().anyMatch(c -> c.equalsIgnoreCase(collection));
    }

    /** Collections named by {@code deleteDocumentsOf<Collection>Behavior} functions, for validating against the task's collections. */
    public Set<String> deleteBehaviorCollections() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(analysis.deleteBehaviorCollections()));
    }

    ScriptAnalysis analysis() {
        return analysis;
    }

    /** The script wrapped as a function expression; evaluating it yields the function {@link ScriptPrelude} drives. */
    Source wrappedSource() {
        return wrapped;
    }

    @Override
    public String toString() {
        return "EtlScript[" + name + ", " + kind + "]";
    }

    private Optional<String> syntaxError() {
        try (Context context = ScriptEngines.newContext()) {
            context.parse(wrapped);
            return closesItsWrapper(context);
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            return Optional.of(describeSyntaxError(e));
        }
    }

    /**
     * A script that parses wrapped but not as a function body of its own closes the wrapper function
     * (e.g. {@code }); while (true) {} (function () {}) and would run code outside the per-document
     * machinery. {@code new Function} parses exactly a function body and runs nothing.
     */
    private Optional<String> closesItsWrapper(Context context) {
        Value problem = context.eval("js", "(function (body) { try { new Function('__corvidMode', body); return null; }"
                + " catch (e) { return String(e.message); } })").execute(source);
        return problem.isNull() ? Optional.empty() : Optional.of("SyntaxError in script '" + name
                + "': it does not parse as a function body (more closing than opening braces?): " + problem.asString());
    }

    private String describeSyntaxError(PolyglotException e) {
        String[] lines = source.split("\n", -1);
        int line = 1;
        int column = 1;
        if (e.getSourceLocation() != null) {
            line = e.getSourceLocation().getStartLine();
            column = e.getSourceLocation().getStartColumn() - (line == 1 ? headerLength : 0);
        }
        if (line > lines.length) {
            line = lines.length;
            column = lines[line - 1].length() + 1;
        }
        column = Math.max(1, column);
        String firstLine = e.getMessage().lines().findFirst().orElse("SyntaxError");
        String reason = firstLine.replaceFirst("^SyntaxError: ", "").replaceFirst("^\\Q" + name + "\\E:\\d+:\\d+ ", "");
        String code = lines[line - 1].replace("\r", "");
        return "SyntaxError in script '" + name + "' at line " + line + ", column " + column + ": " + reason
                + "\n" + code + "\n" + " ".repeat(Math.min(column - 1, code.length())) + "^";
    }

    /**
     * {@code (function(__corvidMode){if(__corvidMode===1){return [[collection|null, fn], …];}} — mode 1
     * hands out the delete-behaviour functions without running the body.
     */
    private static String header(ScriptAnalysis analysis) {
        StringBuilder header = new StringBuilder("(function(__corvidMode){if(__corvidMode===1){return [");
        List<String> entries = new ArrayList<>();
        for (String collection : new LinkedHashSet<>(analysis.deleteBehaviorCollections())) {
            entries.add(behaviorEntry(quote(collection), "deleteDocumentsOf" + collection + "Behavior"));
        }
        if (analysis.genericDeleteBehaviorCount() > 0) {
            entries.add(behaviorEntry("null", ScriptAnalysis.GENERIC_DELETE_BEHAVIOR));
        }
        return header.append(String.join(",", entries)).append("];}").toString();
    }

    private static String behaviorEntry(String key, String function) {
        return "[" + key + ",typeof " + function + "===\"function\"?" + function + ":null]";
    }

    /** Behaviour collection names are word characters only (see {@link ScriptAnalysis}). */
    private static String quote(String word) {
        return "\"" + word + "\"";
    }
}
