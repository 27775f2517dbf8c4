package dev.jrun.cli.log;

import dev.jrun.core.json.GoJsonWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One log entry in runc's formats (logrus): text {@code time="…" level=error msg="…"} and JSON
 * {@code {"level":"error","msg":"…","time":"…"}} with an RFC 3339 time in the local zone, to the second.
 * Engines parse these lines, so the shape is the interface: keys, order and quoting are as logrus writes them.
 */
public final class LogLine {
    private LogLine() {
    }

    public static String format(LogFormat format, String level, String msg, long epochMillis) {
        String time = OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return switch (format) {
            case JSON -> json(level, msg, time);
            case TEXT -> "time=\"" + time + "\" level=" + level + " msg=" + quoteIfNeeded(msg);
        };
    }

    private static String json(String level, String msg, String time) {
        return GoJsonWriter.compact().beginObject().field("level", level).field("msg", msg).field("time", time)
                .endObject().toString();
    }

    /** logrus quotes a value unless it consists only of [A-Za-z0-9-._/@^+]; quoting follows Go's %q. */
    static String quoteIfNeeded(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._/@^+".indexOf(c) >= 0;
        }
        if (plain) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
