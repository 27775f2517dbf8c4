package dev.jrun.linux.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallNumbersTest {
    private static final Path HEADER = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");

    @Test
    void knownNumbers() {
        assertEquals(0, SyscallNumbers.READ);
        assertEquals(155, SyscallNumbers.PIVOT_ROOT);
        assertEquals(165, SyscallNumbers.MOUNT);
        assertEquals(231, SyscallNumbers.EXIT_GROUP);
        assertEquals(317, SyscallNumbers.SECCOMP);
        assertEquals(435, SyscallNumbers.CLONE3);
        assertEquals(436, SyscallNumbers.CLOSE_RANGE);
        assertEquals("pivot_root", SyscallNumbers.name(155));
        assertEquals("syscall_999", SyscallNumbers.name(999));
    }

    @Test
    void everyConstantMatchesTheKernelHeader() throws IOException, IllegalAccessException {
        assumeTrue(Files.exists(HEADER), "no " + HEADER + " (linux-libc-dev) on this machine");
        Map<String, Integer> header = new HashMap<>();
        for (String line : Files.readAllLines(HEADER)) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].equals("#define") && words[1].startsWith("__NR_")) {
                header.put(words[1].substring("__NR_".length()), Integer.parseInt(words[2]));
            }
        }
        int checked = 0;
        for (Field f : SyscallNumbers.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                String name = f.getName().toLowerCase(java.util.Locale.ROOT);
                assertEquals(header.get(name), (Integer) f.getInt(null), name);
                assertEquals(name, SyscallNumbers.name(f.getInt(null)));
                checked++;
            }
        }
        assertTrue(checked >= 46, "reflection found only " + checked + " constants");
    }
}
