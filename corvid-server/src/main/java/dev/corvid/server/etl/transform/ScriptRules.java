package dev.corvid.server.etl.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The static script rules of ETL.md §1.4, worded as RavenDB words them. */
final class ScriptRules {
    private ScriptRules() {
    }

    static List<String> check(String name, ScriptKind kind, ScriptAnalysis analysis) {
        List<String> errors = new ArrayList<>();
        if (analysis.names().stream().anyMatch(n -> n.startsWith("replicateTo") && n.length() > "replicateTo".length())) {
            errors.add("Found `replicateTo<TableName>()` method in '" + name + "' script which is not supported. "
                    + "If you are using the SQL replication script from RavenDB 3.x version then please use "
                    + "`loadTo<TableName>()` instead.");
        }
        boolean copiesEverything = kind == ScriptKind.RAVEN && EtlScript.isEmpty(kind, analysis);
        if (analysis.targets().isEmpty() && !copiesEverything) {
            errors.add("No `loadTo<" + kind.targetPlaceholder() + ">()` method call found in '" + name + "' script");
        }
        for (int line : analysis.nonLiteralLoadToLines()) {
            errors.add("`loadTo(name, obj)` in '" + name + "' script at line " + line
                    + " must name its target with a string literal, e.g. loadTo('Orders', obj)");
        }
        if (analysis.genericDeleteBehaviorCount() > 1) {
            errors.add("Generic delete behavior function can be defined just once in the script");
        }
        Set<String> seen = new HashSet<>();
        for (String function : analysis.declaredFunctions()) {
            boolean behavior = ScriptAnalysis.isDeleteBehavior(function) && !function.equals(ScriptAnalysis.GENERIC_DELETE_BEHAVIOR)
                    || function.matches("load(Counters|TimeSeries)Of\\w+Behavior");
            if (behavior && !seen.add(function)) {
                errors.add("There are multiple '" + function + "' functions defined");
            }
        }
        if (kind == ScriptKind.SQL) {
            errors.addAll(sqlOnly(analysis));
        }
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    private static List<String> sqlOnly(ScriptAnalysis analysis) {
        List<String> errors = new ArrayList<>();
        if (analysis.names().contains("addCounter")) {
            errors.add("Adding counters isn't supported by SQL ETL");
        }
        if (!analysis.counterBehaviorCollections().isEmpty()) {
            errors.add("Load counter behavior functions aren't supported by SQL ETL");
        }
        if (analysis.names().contains("addTimeSeries")) {
            errors.add("Adding time series isn't supported by SQL ETL");
        }
        if (!analysis.timeSeriesBehaviorCollections().isEmpty()) {
            errors.add("Load time series behavior functions aren't supported by SQL ETL");
        }
        if (analysis.hasAnyDeleteBehavior()) {
            errors.add("Delete documents behavior functions aren't supported by SQL ETL");
        }
        return errors;
    }
}
