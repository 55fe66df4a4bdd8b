package io.github.cm4j.wmi.simulator;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of this module's tests (registered in {@code META-INF/services}): off (every level disabled,
 * nothing kept) until a test calls {@link #start()}; then every event at every level, TRACE included, is formatted
 * with its arguments and throwable and kept until {@link #stop()}. Lets a test scan all log output for secrets
 * whatever order the test classes run in.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    private static final List<String> LINES = new ArrayList<>();
    private static volatile boolean capturing;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory factory = CapturingLogger::new;

    /** Starts keeping every log event at every level. */
    static synchronized void start() {
        LINES.clear();
        capturing = true;
    }

    /** @return what was logged since {@link #start()}; stops capturing */
    static synchronized List<String> stop() {
        capturing = false;
        List<String> out = List.copyOf(LINES);
        LINES.clear();
        return out;
    }

    private static synchronized void keep(String line) {
        if (capturing) {
            LINES.add(line);
        }
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return capturing;
        }

        @Override
        public boolean isDebugEnabled() {
            return capturing;
        }

        @Override
        public boolean isInfoEnabled() {
            return capturing;
        }

        @Override
        public boolean isWarnEnabled() {
            return capturing;
        }

        @Override
        public boolean isErrorEnabled() {
            return capturing;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable t) {
            StringBuilder line = new StringBuilder(level + " " + name + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
            for (Throwable c = t; c != null; c = c.getCause()) {
                line.append(" | ").append(c);
            }
            keep(line.toString());
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }
}
