package dev.corvid.server.etl.transform;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one GraalJS {@link Engine} of the process and the sandbox every ETL context is built with.
 *
 * <p>Sharing the engine lets all contexts share parsed code: a script is parsed once, not once per
 * context. Contexts follow {@link SandboxPolicy#CONSTRAINED}: no host class lookup, no file or network
 * IO, no threads, no native access, no processes, no environment, no other languages; standard output
 * and error go nowhere. The shell-like built-ins GraalJS adds ({@code load(file)}, {@code print},
 * {@code console}, {@code Graal}) are switched off; {@link ScriptPrelude} removes the remaining
 * {@code Java}/{@code Packages} globals, whose host lookups would fail anyway.
 *
 * <p>Thread-safety: the engine is thread-safe; each context is confined to one thread at a time.
 */
final class ScriptEngines {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptEngines.class);

    private ScriptEngines() {
    }

    /** Created on first use, so that a server without ETL tasks never starts GraalJS. */
    private static final class Shared {
        static final Engine ENGINE = createEngine();
    }

    static Engine engine() {
        return Shared.ENGINE;
    }

    static Context newContext() {
        return Context.newBuilder("js")
                .engine(engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .build();
    }

    private static Engine createEngine() {
        Engine engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // On a stock JDK Truffle runs interpreted and would print a warning per engine.
                // The log line below says the same once, in the server log.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        String implementation = engine.getImplementationName();
        String version = Optional.ofNullable(Engine.class.getPackage().getImplementationVersion()).orElse(engine.getVersion());
        LOG.info("ETL scripts run on GraalJS {}, implementation: {}{}", version, implementation,
                implementation.toLowerCase(Locale.ROOT).contains("interpreted")
                        ? " (no Graal JIT compiler: scripts warm up slowly and run several times slower)" : "");
        return engine;
    }
}
