package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.ContainerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListTableTest {
    @Test
    void matchesRuncsTabwriterLayout() {
        // Captured from runc 1.1.5 on this host with one created container.
        String runc = """
                ID          PID         STATUS      BUNDLE       CREATED                          OWNER
                c1          2030        created     /tmp/ref/b   2026-12-02T14:01:19.065313532Z   root
                """;
        ContainerState c1 = new ContainerState("1.2.1", "c1", 2030, ContainerStatus.CREATED, "/tmp/ref/b",
                "/tmp/ref/b/rootfs", Instant.parse("2026-12-02T14:01:19.065313532Z"), null, "root", 0);
        assertEquals(runc, ListCommand.table(List.of(c1)));
    }

    @Test
    void emptyTableIsTheHeader() {
        assertEquals("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", ListCommand.table(List.of()));
    }
}
