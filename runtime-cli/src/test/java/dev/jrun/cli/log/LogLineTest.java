package dev.jrun.cli.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final long T = Instant.parse("2026-12-02T14:01:00.750Z").toEpochMilli();

    @Test
    void textIsLogrusShaped() {
        String line = LogLine.format(LogFormat.TEXT, "error", "container does not exist", T);
        assertTrue(line.matches("time=\"2026-12-02T\\d\\d:01:00(Z|[+-]\\d\\d:\\d\\d)\" level=error "
                + "msg=\"container does not exist\""), line);
    }

    @Test
    void jsonKeysAreLevelMsgTimeInOrder() {
        String line = LogLine.format(LogFormat.JSON, "warning", "say \"hi\"\n", T);
        assertTrue(line.matches("\\{\"level\":\"warning\",\"msg\":\"say \\\\\"hi\\\\\"\\\\n\",\"time\":\"2026-12-02T"
                + "\\d\\d:01:00(Z|[+-]\\d\\d:\\d\\d)\"}"), line);
    }

    @Test
    void plainValuesAreNotQuotedLikeLogrus() {
        assertEquals("ok", LogLine.quoteIfNeeded("ok"));
        assertEquals("/run/jrun@x+y^z", LogLine.quoteIfNeeded("/run/jrun@x+y^z"));
        assertEquals("\"\"", LogLine.quoteIfNeeded(""));
        assertEquals("\"a b\"", LogLine.quoteIfNeeded("a b"));
        assertEquals("\"tab\\there\\\\ \\\"q\\\"\"", LogLine.quoteIfNeeded("tab\there\\ \"q\""));
        assertEquals("\"bell\\x07\"", LogLine.quoteIfNeeded("bell\u0007"));
    }
}
