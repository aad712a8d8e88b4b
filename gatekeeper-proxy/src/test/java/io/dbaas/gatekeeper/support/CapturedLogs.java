package io.dbaas.gatekeeper.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the given classes log, so that tests can check what a log line does and does not say. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers;

    private CapturedLogs(List<Logger> loggers) {
        this.loggers = loggers;
        appender.start();
        loggers.forEach(logger -> logger.addAppender(appender));
    }

    public static CapturedLogs of(Class<?>... sources) {
        return new CapturedLogs(List.of(sources).stream()
                .map(source -> (Logger) LoggerFactory.getLogger(source))
                .toList());
    }

    /** What the named logger logs, for loggers not named after a class (such as the access log). */
    public static CapturedLogs ofLogger(String name) {
        return new CapturedLogs(List.of((Logger) LoggerFactory.getLogger(name)));
    }

    /** Every captured line, formatted, with the message and stack of any attached exception. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : appender.list) {
            text.append(event.getLevel())
                    .append(' ')
                    .append(event.getFormattedMessage())
                    .append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(event.getThrowableProxy().getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(appender));
        appender.stop();
    }
}
