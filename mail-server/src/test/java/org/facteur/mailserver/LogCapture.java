package org.facteur.mailserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Collects what the server logs while a test runs (every logger at WARN and above, as logback-test.xml lets through,
 * plus the loggers named at DEBUG), so a test can assert that a client's mistake leaves no stack trace.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final List<Logger> debugged = new CopyOnWriteArrayList<>();
    private final List<Level> previousLevels = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    /** Starts capturing; {@code debugLoggers} are lowered to DEBUG until {@link #close()}. */
    public static LogCapture capture(String... debugLoggers) {
        LogCapture capture = new LogCapture();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        for (String name : debugLoggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            capture.debugged.add(logger);
            capture.previousLevels.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Events that carry an exception (a stack trace in the log). */
    public List<String> stackTraces() {
        return events.stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + " / " + e.getThrowableProxy().getClassName())
                .toList();
    }

    /** Messages logged by loggers whose name starts with {@code prefix}. */
    public List<String> messagesOf(String prefix) {
        return events.stream().filter(e -> e.getLoggerName().startsWith(prefix)).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        for (int i = 0; i < debugged.size(); i++) {
            debugged.get(i).setLevel(previousLevels.get(i));
        }
        stop();
    }
}
