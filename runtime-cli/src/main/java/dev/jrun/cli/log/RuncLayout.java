package dev.jrun.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** Logback layout writing {@link LogLine}s with logrus's level names ("warning", not "warn"). */
public final class RuncLayout extends LayoutBase<ILoggingEvent> {
    private final LogFormat format;

    public RuncLayout(LogFormat format) {
        this.format = format;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogLine.format(format, levelName(event.getLevel()), event.getFormattedMessage(), event.getTimeStamp())
                + "\n";
    }

    static String levelName(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warning";
            case Level.INFO_INT -> "info";
            case Level.DEBUG_INT -> "debug";
            default -> "trace";
        };
    }
}
