package dev.hookline.github;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Captures the formatted log lines written while a call runs, for tests about what Hookline logs (and never logs). */
final class LogCapture {

    private LogCapture() {
    }

    /** Runs {@code call} with every log line from {@code least} up added to {@code lines}, and returns its result. */
    static <T> T during(Level least, List<String> lines, Supplier<T> call) {
        Handler capture = new Handler() {

            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= least.intValue()) {
                    lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            return call.get();
        } finally {
            root.removeHandler(capture);
        }
    }
}
