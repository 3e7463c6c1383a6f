package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.roscpp.LoggerServices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's {@link RosLog}: INFO and above go to {@code /rosout} (latched rosgraph_msgs/Log, as rospy sends them),
 * everything goes to java.util.logging under {@code ros.<node name>}. It also serves roscpp's {@code ~get_loggers}
 * and {@code ~set_logger_level}, which rqt and rosconsole use to change the level at run time.
 */
final class RosoutLog implements RosLog {
    private final ConnectedNode node;
    private final LocalEndpoints endpoints;
    private final Logger jul;
    private final Publisher<GraphMessages.LogLine> publisher;
    private final AtomicInteger seq = new AtomicInteger();
    /** The lowest level logged, as roscpp's {@code ~set_logger_level} sets it; INFO by default. */
    private volatile byte minLevel = GraphMessages.INFO;

    /** Advertises {@code /rosout} on {@code node}; {@code endpoints} gives the topics each line lists. */
    RosoutLog(ConnectedNode node, LocalEndpoints endpoints) {
        this.node = node;
        this.endpoints = endpoints;
        this.jul = Logger.getLogger("ros" + node.getName().replace('/', '.'));
        Publisher<GraphMessages.LogLine> p;
        try {
            p = node.newPublisher("/rosout", GraphMessages.LOG, new PublisherOptions(true, 100));
        } catch (IllegalStateException e) {
            throw new UncheckedIOException(new IOException(e.getMessage()));
        }
        this.publisher = p;
    }

    /** {@code ~get_loggers} and {@code ~set_logger_level}, as every roscpp node offers them (rosconsole, rqt). */
    void serveLoggerLevels() {
        node.newServiceServer("~get_loggers", LoggerServices.GET_LOGGERS,
                req -> new LoggerServices.GetLoggersResponse(List.of(new LoggerServices.Logger(jul.getName(), levelName(minLevel)))));
        node.newServiceServer("~set_logger_level", LoggerServices.SET_LOGGER_LEVEL, req -> {
            if (!req.logger().equals(jul.getName())) throw new IllegalArgumentException("no logger '" + req.logger() + "' (this node has " + jul.getName() + ")");
            minLevel = levelOf(req.level());
            jul.setLevel(minLevel == GraphMessages.DEBUG ? Level.FINE : Level.INFO);
            return new LoggerServices.SetLoggerLevelResponse();
        });
    }

    static String levelName(byte level) {
        return switch (level) {
            case GraphMessages.DEBUG -> "debug";
            case GraphMessages.INFO -> "info";
            case GraphMessages.WARN -> "warn";
            case GraphMessages.ERROR -> "error";
            default -> "fatal";
        };
    }

    static byte levelOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "debug" -> GraphMessages.DEBUG;
            case "info" -> GraphMessages.INFO;
            case "warn" -> GraphMessages.WARN;
            case "error" -> GraphMessages.ERROR;
            case "fatal" -> GraphMessages.FATAL;
            default -> throw new IllegalArgumentException("level must be debug, info, warn, error or fatal, not '" + name + "'");
        };
    }

    private void log(byte level, Level julLevel, String message) {
        if (level < minLevel) return;
        jul.log(julLevel, message);
        if (node.isShutdown()) return;
        List<String> topics = new ArrayList<>(endpoints.publishers.keySet());
        StackTraceElement caller = callerFrame();
        try {
            publisher.publish(new GraphMessages.LogLine(seq.incrementAndGet(), node.getCurrentTime(), level, node.getName(),
                    message, caller.getFileName() == null ? "" : caller.getFileName(), caller.getMethodName(),
                    Math.max(0, caller.getLineNumber()), topics));
        } catch (IllegalStateException closed) {
            // the node is shutting down
        }
    }

    /** The frame that called debug, info, ...: below this method, {@link #log} and the level method. */
    private static StackTraceElement callerFrame() {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        return stack.length > 3 ? stack[3] : stack[stack.length - 1];
    }

    @Override
    public void debug(String message) {
        log(GraphMessages.DEBUG, Level.FINE, message);
    }

    @Override
    public void info(String message) {
        log(GraphMessages.INFO, Level.INFO, message);
    }

    @Override
    public void warn(String message) {
        log(GraphMessages.WARN, Level.WARNING, message);
    }

    @Override
    public void error(String message) {
        log(GraphMessages.ERROR, Level.SEVERE, message);
    }

    @Override
    public void fatal(String message) {
        log(GraphMessages.FATAL, Level.SEVERE, message);
    }
}
