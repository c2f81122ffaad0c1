package org.facteur.mailserver.imap.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * The cases listed in {@code known-failures.txt} (next to this class in the test resources) fail on today's
 * Facteur, each for the reason written beside it. Every case still runs:
 * <ul>
 *   <li>a listed case that fails is reported as skipped, with its reason and what the server answered;</li>
 *   <li>a listed case that passes fails the build: "passes now: remove it from known-failures.txt",
 *   so the list only shrinks;</li>
 *   <li>a case not listed must pass.</li>
 * </ul>
 * After the run, the counts are printed and every case with its outcome is written to
 * {@code target/conformance/james-mpt.txt} (what {@code ./facteur conformance} shows).
 */
final class KnownFailures implements InvocationInterceptor, AfterAllCallback {
    static final String FILE = "known-failures.txt";
    private static final Map<String, String> KNOWN = load();
    private static final Map<String, Outcome> OUTCOMES = Collections.synchronizedMap(new TreeMap<>());

    enum Kind {
        PASSED("pass"), KNOWN_FAILURE("known failure"), FAILED("FAILED"), NOW_PASSES("NOW PASSES"), SKIPPED("skipped");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Outcome(Kind kind, String detail) {
    }

    /** Case ids ({@code Suite.method}) listed as failing today, with their reasons. */
    static Map<String, String> known() {
        return KNOWN;
    }

    static String id(Class<?> suite, Method method) {
        return suite.getSimpleName() + "." + method.getName();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            invocation.proceed(); // a check of the harness itself, not a script
            return;
        }
        String id = id(context.getRequiredTestClass(), context.getRequiredTestMethod());
        String reason = KNOWN.get(id);
        try {
            invocation.proceed();
        } catch (Throwable failure) {
            if (isAssumption(failure)) {
                OUTCOMES.put(id, new Outcome(Kind.SKIPPED, summary(failure)));
                throw failure;
            }
            if (reason == null) {
                OUTCOMES.put(id, new Outcome(Kind.FAILED, summary(failure)));
                throw failure;
            }
            OUTCOMES.put(id, new Outcome(Kind.KNOWN_FAILURE, reason + " | " + summary(failure)));
            throw new TestAbortedException("known failure (" + reason + "): " + summary(failure));
        }
        if (reason != null) {
            OUTCOMES.put(id, new Outcome(Kind.NOW_PASSES, reason));
            throw new AssertionError(id + " passes now: remove it from " + FILE + " (it said: " + reason + ")");
        }
        OUTCOMES.put(id, new Outcome(Kind.PASSED, ""));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class) || OUTCOMES.isEmpty()) {
            return;
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        List<String> lines = new ArrayList<>();
        synchronized (OUTCOMES) {
            OUTCOMES.forEach((id, outcome) -> {
                counts.merge(outcome.kind(), 1, Integer::sum);
                lines.add(String.format("%-14s %-70s %s", outcome.kind().label, id, outcome.detail()).stripTrailing());
            });
        }
        String summary = String.format("James IMAP scripts (MPT 3.8.1) against Facteur over STARTTLS: %d cases, "
                        + "%d passed, %d known failures, %d failed, %d now pass (remove from %s), %d skipped",
                OUTCOMES.size(), counts.getOrDefault(Kind.PASSED, 0), counts.getOrDefault(Kind.KNOWN_FAILURE, 0),
                counts.getOrDefault(Kind.FAILED, 0), counts.getOrDefault(Kind.NOW_PASSES, 0), FILE,
                counts.getOrDefault(Kind.SKIPPED, 0));
        Path report = Path.of(System.getProperty("basedir", "."), "target", "conformance", "james-mpt.txt");
        Files.createDirectories(report.getParent());
        List<String> file = new ArrayList<>();
        file.add(summary);
        file.add("");
        file.addAll(lines);
        Files.write(report, file, StandardCharsets.UTF_8);
        System.out.println("[conformance] " + summary);
        System.out.println("[conformance] every case with its outcome: " + report);
    }

    /** Jupiter's and JUnit 4's (the James suites use {@code org.junit.Assume}) skipped-test signals. */
    private static boolean isAssumption(Throwable t) {
        return t instanceof TestAbortedException || t.getClass().getName().endsWith(".AssumptionViolatedException");
    }

    /** The failure on one line: MPT's message (location, last command, expected, actual) joined. */
    private static String summary(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        String line = String.join(" | ", message.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    private static Map<String, String> load() {
        Map<String, String> known = new LinkedHashMap<>();
        try (InputStream in = KnownFailures.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] idAndReason = entry.split("\\s+", 2);
                if (idAndReason.length < 2) {
                    throw new IllegalStateException(FILE + ": '" + entry + "' has no reason");
                }
                if (known.put(idAndReason[0], idAndReason[1]) != null) {
                    throw new IllegalStateException(FILE + ": " + idAndReason[0] + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(known);
    }
}
