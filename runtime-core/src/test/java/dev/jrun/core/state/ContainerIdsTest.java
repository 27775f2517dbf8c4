package dev.jrun.core.state;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContainerIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"c1", "a.b", "a-b", "a+b", "A_Z_09", "...", ".hidden", "-x"})
    void acceptsIdsRuncAccepts(String id) {
        assertDoesNotThrow(() -> ContainerIds.check(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../x", "a b", "a:b", "é", "容器", "a\nb", "a\u0000b"})
    void rejectsIdsThatCannotBeADirectoryName(String id) {
        assertThrows(InvalidContainerIdException.class, () -> ContainerIds.check(id));
    }

    @Test
    void acceptsMaximumLength() {
        assertDoesNotThrow(() -> ContainerIds.check("x".repeat(1024)));
    }

    @Test
    void rejectsOverlongAndNull() {
        assertThrows(InvalidContainerIdException.class, () -> ContainerIds.check("x".repeat(1025)));
        assertThrows(InvalidContainerIdException.class, () -> ContainerIds.check(null));
    }

    @Test
    void messageKeepsRuncsWordingAndNamesTheId() {
        var e = assertThrows(InvalidContainerIdException.class, () -> ContainerIds.check("a/b"));
        assertTrue(e.getMessage().startsWith("invalid container ID format: \"a/b\""), e.getMessage());
        assertTrue(e.getMessage().contains("[\\w+\\-.]+"), e.getMessage());
        assertTrue(e.getMessage().contains("\"..\""), e.getMessage());
    }
}
