package dev.corvid.server.etl.transform;

import dev.corvid.server.etl.transform.ScriptToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ETL script declares, found from its tokens (so comments and string literals do not count,
 * unlike RavenDB's regular expressions, which accept the same valid scripts and a few more targets).
 *
 * @param targets          every {@code loadTo} target in order of first appearance: {@code loadToOrders(…)}
 *                         gives {@code Orders}, {@code loadTo('Order Lines', …)} gives {@code Order Lines}
 * @param identifierTargets the targets written as {@code loadTo<Name>}; each needs a global function
 * @param declaredFunctions names of all {@code function name(…)} declarations, duplicates kept
 * @param names            every identifier the script uses
 * @param nonLiteralLoadToLines lines of {@code loadTo(x, …)} calls whose first argument is not a string literal
 * @param blank                 the script has no code: only blanks and comments
 * @param onlyDeleteBehaviors   the script consists of delete-behaviour functions and nothing else
 */
record ScriptAnalysis(List<String> targets, List<String> identifierTargets, List<String> declaredFunctions,
                      Set<String> names, List<Integer> nonLiteralLoadToLines, boolean blank, boolean onlyDeleteBehaviors) {
    static final String GENERIC_DELETE_BEHAVIOR = "deleteDocumentsBehavior";
    private static final Pattern DELETE_BEHAVIOR = Pattern.compile("deleteDocumentsOf(\\w+)Behavior");
    private static final Pattern COUNTER_BEHAVIOR = Pattern.compile("loadCountersOf(\\w+)Behavior");
    private static final Pattern TIME_SERIES_BEHAVIOR = Pattern.compile("loadTimeSeriesOf(\\w+)Behavior");
    private static final String LOAD_TO = "loadTo";

    ScriptAnalysis {
        targets = List.copyOf(targets);
        identifierTargets = List.copyOf(identifierTargets);
        declaredFunctions = List.copyOf(declaredFunctions);
        names = Set.copyOf(names);
        nonLiteralLoadToLines = List.copyOf(nonLiteralLoadToLines);
    }

    static ScriptAnalysis of(String source) {
        List<ScriptToken> tokens = ScriptTokenizer.tokenize(source);
        Set<String> targets = new LinkedHashSet<>();
        Set<String> identifierTargets = new LinkedHashSet<>();
        List<String> functions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Integer> nonLiteral = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            ScriptToken token = tokens.get(i);
            if (token.kind() != Kind.NAME) {
                continue;
            }
            names.add(token.text());
            ScriptToken previous = i > 0 ? tokens.get(i - 1) : null;
            boolean isMember = previous != null && previous.isSymbol('.');
            if (previous != null && previous.isName("function")) {
                functions.add(token.text());
            } else if (!isMember && token.text().startsWith(LOAD_TO) && token.text().length() > LOAD_TO.length()) {
                String target = token.text().substring(LOAD_TO.length());
                targets.add(target);
                identifierTargets.add(target);
            } else if (!isMember && token.text().equals(LOAD_TO) && at(tokens, i + 1).filter(t -> t.isSymbol('(')).isPresent()) {
                literalTarget(tokens, i).ifPresentOrElse(targets::add, () -> nonLiteral.add(token.line()));
            }
        }
        return new ScriptAnalysis(List.copyOf(targets), List.copyOf(identifierTargets), functions, names, nonLiteral,
                tokens.isEmpty(), consistsOfDeleteBehaviors(tokens));
    }

    /** Collection names of the collection-specific delete-behaviour functions, in declaration order. */
    List<String> deleteBehaviorCollections() {
        return collectionsOf(DELETE_BEHAVIOR);
    }

    List<String> counterBehaviorCollections() {
        return collectionsOf(COUNTER_BEHAVIOR);
    }

    List<String> timeSeriesBehaviorCollections() {
        return collectionsOf(TIME_SERIES_BEHAVIOR);
    }

    long genericDeleteBehaviorCount() {
        return declaredFunctions.stream().filter(GENERIC_DELETE_BEHAVIOR::equals).count();
    }

    boolean hasAnyDeleteBehavior() {
        return genericDeleteBehaviorCount() > 0 || !deleteBehaviorCollections().isEmpty();
    }

    static boolean isDeleteBehavior(String functionName) {
        return functionName.equals(GENERIC_DELETE_BEHAVIOR) || DELETE_BEHAVIOR.matcher(functionName).matches();
    }

    private List<String> collectionsOf(Pattern pattern) {
        List<String> collections = new ArrayList<>();
        for (String function : declaredFunctions) {
            Matcher m = pattern.matcher(function);
            if (m.matches()) {
                collections.add(m.group(1));
            }
        }
        return collections;
    }

    /** The target of {@code loadTo('Name', …)} at {@code index}, when it is a non-empty string literal. */
    private static Optional<String> literalTarget(List<ScriptToken> tokens, int index) {
        Optional<ScriptToken> name = at(tokens, index + 2).filter(t -> t.kind() == Kind.STRING && !t.text().isEmpty());
        boolean argumentEnds = at(tokens, index + 3).filter(t -> t.isSymbol(',') || t.isSymbol(')')).isPresent();
        return argumentEnds ? name.map(ScriptToken::text) : Optional.empty();
    }

    private static Optional<ScriptToken> at(List<ScriptToken> tokens, int index) {
        return index < tokens.size() ? Optional.of(tokens.get(index)) : Optional.empty();
    }

    /** True for a non-empty sequence of {@code function deleteDocuments…Behavior(…) {…}} and semicolons only. */
    private static boolean consistsOfDeleteBehaviors(List<ScriptToken> tokens) {
        int i = 0;
        boolean any = false;
        while (i < tokens.size()) {
            if (tokens.get(i).isSymbol(';')) {
                i++;
                continue;
            }
            if (!tokens.get(i).isName("function") || i + 1 >= tokens.size() || tokens.get(i + 1).kind() != Kind.NAME
                    || !isDeleteBehavior(tokens.get(i + 1).text())) {
                return false;
            }
            i = skipBalanced(tokens, i + 2, '(', ')');
            i = i < 0 ? -1 : skipBalanced(tokens, i, '{', '}');
            if (i < 0) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Index after the group that opens at {@code start}, or -1 when there is no such group. */
    private static int skipBalanced(List<ScriptToken> tokens, int start, char open, char close) {
        if (start >= tokens.size() || !tokens.get(start).isSymbol(open)) {
            return -1;
        }
        int depth = 0;
        for (int i = start; i < tokens.size(); i++) {
            ScriptToken t = tokens.get(i);
            if (t.isSymbol(open)) {
                depth++;
            } else if (t.isSymbol(close) && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
