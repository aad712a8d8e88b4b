package io.dbaas.nebula.backup.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Every line the client side logs while a test runs, with the messages of any exception logged with it: Nebula at
 * TRACE, the AWS SDK and the Kubernetes client at TRACE too (an operator chasing a problem), except the loggers that
 * Nebula's {@code application.yaml} pins to a level of their own. The servers' own lines (S3Proxy, Jetty, jclouds,
 * the Kubernetes mock server) are the store's and the API server's logs, not Nebula's, and are left out.
 */
final class ClientLogs implements AutoCloseable {

    private static final List<String> CLIENT_LOGGERS =
            List.of("io.dbaas", "software.amazon.awssdk", "io.fabric8.kubernetes.client");
    private static final List<String> SERVER_LOGGERS =
            List.of("io.fabric8.kubernetes.client.server.mock", "io.fabric8.mockwebserver");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();

    private ClientLogs() {}

    static ClientLogs capture() {
        ClientLogs logs = new ClientLogs();
        logs.appender.start();
        for (String name : CLIENT_LOGGERS) {
            Logger logger = logs.set(name, Level.TRACE);
            logger.addAppender(logs.appender);
        }
        applicationPins().forEach((name, level) -> logs.set(name, Level.toLevel(level)));
        return logs;
    }

    /** Each event as {@code logger: message}, then the message of each exception in its chain. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            if (SERVER_LOGGERS.stream().anyMatch(event.getLoggerName()::startsWith)) {
                continue;
            }
            lines.add(event.getLoggerName() + ": " + event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                lines.add(cause.getClassName() + ": " + cause.getMessage());
            }
        }
        return lines;
    }

    /** Every message of an exception and its causes. */
    static List<String> messages(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause)
                .map(cause -> String.valueOf(cause.getMessage()))
                .toList();
    }

    @Override
    public void close() {
        for (String name : CLIENT_LOGGERS) {
            ((Logger) LoggerFactory.getLogger(name)).detachAppender(appender);
        }
        levels.forEach(Logger::setLevel);
        appender.stop();
    }

    private Logger set(String name, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        levels.putIfAbsent(logger, logger.getLevel());
        logger.setLevel(level);
        return logger;
    }

    /** {@code logging.level} of Nebula's application.yaml, as Spring Boot applies it at start. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> applicationPins() {
        try (InputStream yaml = ClientLogs.class.getResourceAsStream("/application.yaml")) {
            Map<String, Object> root = new Yaml().load(yaml);
            Map<String, Object> logging = (Map<String, Object>) root.get("logging");
            Map<String, String> pins = new LinkedHashMap<>();
            ((Map<String, Object>) logging.get("level"))
                    .forEach((name, level) -> pins.put(name, String.valueOf(level)));
            return pins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
