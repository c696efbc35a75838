package dev.corvid.server.etl.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One GraalJS context with the runtime of one script installed: the Java end of {@link ScriptPrelude}.
 * Confined to the thread of its {@link ScriptRunner}.
 */
final class ScriptContext implements AutoCloseable {
    private final Context context;
    private Value run;
    private Value takeOutput;
    private Value shouldDelete;

    private ScriptContext(Context context) {
        this.context = context;
    }

    /** A sandboxed context with nothing evaluated yet. */
    static ScriptContext open() {
        return new ScriptContext(ScriptEngines.newContext());
    }

    Context polyglotContext() {
        return context;
    }

    /**
     * Evaluates the script and the runtime. {@link EtlScript#compile} refuses scripts that would run
     * code here; the caller still runs this under the watchdog.
     *
     * @param hostLoad {@code (String id) → document JSON text or null}
     */
    void install(EtlScript script, ProxyExecutable hostLoad) {
        Value body = context.eval(script.wrappedSource());
        if (!body.canExecute()) {
            throw new IllegalStateException("the script must not close the function it runs in");
        }
        Value api = context.eval(ScriptPrelude.SOURCE)
                .execute(script.kind().name(), body, hostLoad, targetsJson(script.analysis()));
        run = api.getMember("run");
        takeOutput = api.getMember("takeOutput");
        shouldDelete = api.getMember("shouldDelete");
    }

    /** Runs the script on one document; the result JSON as described in {@link ScriptPrelude}. */
    String run(String documentJson) {
        return run.execute(documentJson).asString();
    }

    /** The {@code output()} lines of a run that failed. */
    List<String> takeOutput() {
        try {
            List<String> lines = new ArrayList<>();
            Json.MAPPER.readTree(takeOutput.execute().asString()).forEach(line -> lines.add(line.asText()));
            return lines;
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of();
        }
    }

    boolean shouldDelete(String documentId, String collection, boolean deleted) {
        return shouldDelete.execute(documentId, collection, deleted).asBoolean();
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (RuntimeException e) {
            context.close(true);
        }
    }

    private static String targetsJson(ScriptAnalysis analysis) {
        ObjectNode targets = Json.object();
        ArrayNode all = targets.putArray("all");
        analysis.targets().forEach(all::add);
        ArrayNode identifiers = targets.putArray("identifiers");
        analysis.identifierTargets().forEach(identifiers::add);
        return targets.toString();
    }
}
