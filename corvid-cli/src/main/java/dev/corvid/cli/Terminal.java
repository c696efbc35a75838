package dev.corvid.cli;

import java.io.Console;

/** Tells whether this process talks to an interactive terminal, to choose between redrawn and plain output. */
public final class Terminal {
    private Terminal() {
    }

    /**
     * True when standard input and output are an interactive terminal that understands a carriage
     * return; false for pipes, files, {@code TERM=dumb} and CI.
     */
    public static boolean isInteractive() {
        if ("dumb".equals(System.getenv("TERM")) || "true".equals(System.getenv("CI"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 on, System.console() is not null when redirected either, and Console.isTerminal()
        // tells the difference; before 22 that method does not exist and a console means a terminal.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
