package dev.jrun.cli.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jrun's logging entry point. Logback is loaded on the first entry that will actually be written, never on the
 * success path of a fast command: loading it costs tens of milliseconds (DESIGN.md §2).
 */
public final class Log {
    private Log() {
    }

    private static final class Holder {
        static final Logger LOGGER = LoggerFactory.getLogger("jrun");
    }

    public static boolean debugEnabled() {
        return LogSettings.current().debug();
    }

    public static void debug(String msg) {
        if (debugEnabled()) {
            Holder.LOGGER.debug(msg);
        }
    }

    public static void warn(String msg) {
        Holder.LOGGER.warn(msg);
    }

    public static void error(String msg) {
        Holder.LOGGER.error(msg);
    }
}
