package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.cli.PodmanSeccomp.KernelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodmanSeccompTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KernelVersion KERNEL_6_1 = new KernelVersion(6, 1);

    private static JsonNode profile(String syscalls) throws Exception {
        return JSON.readTree("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "defaultErrno": "ENOSYS",
                 "archMap": [
                   {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
                   {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
                 "syscalls": [%s]}
                """.formatted(syscalls));
    }

    /** The names of the kept rules, one string per rule ("a,b:ACTION"). */
    private static List<String> kept(ObjectNode seccomp) {
        List<String> out = new ArrayList<>();
        for (JsonNode rule : seccomp.get("syscalls")) {
            List<String> names = new ArrayList<>();
            rule.get("names").forEach(n -> names.add(n.asText()));
            out.add(String.join(",", names) + ":" + rule.get("action").asText());
        }
        return out;
    }

    @Test
    void topLevelKeepsTheDefaultAndErrnoAndTakesTheX86_64ArchMapEntryWithItsSubArchitectures() throws Exception {
        ObjectNode s = PodmanSeccomp.forX86_64(profile(""), Set.of(), KERNEL_6_1);
        assertEquals("SCMP_ACT_ERRNO", s.get("defaultAction").asText());
        assertEquals(38, s.get("defaultErrnoRet").asInt());
        assertEquals(JSON.readTree("[\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]"),
                s.get("architectures"));
        assertFalse(s.has("archMap") || s.has("defaultErrno"), s.toString());
    }

    @Test
    void includedCapsMustAllBePresentAndAnyExcludedCapDropsTheRule() throws Exception {
        JsonNode p = profile("""
                {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_CHROOT"]}},
                {"names": ["chroot"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": {"caps": ["CAP_SYS_CHROOT"]}},
                {"names": ["both"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_CHROOT", "CAP_SYS_ADMIN"]}},
                {"names": ["either"], "action": "SCMP_ACT_ERRNO", "excludes": {"caps": ["CAP_KILL", "CAP_SYS_ADMIN"]}}
                """);
        assertEquals(List.of("chroot:SCMP_ACT_ERRNO", "either:SCMP_ACT_ERRNO"),
                kept(PodmanSeccomp.forX86_64(p, Set.of(), KERNEL_6_1)));
        assertEquals(List.of("chroot:SCMP_ACT_ALLOW"),
                kept(PodmanSeccomp.forX86_64(p, Set.of("CAP_SYS_CHROOT", "CAP_KILL"), KERNEL_6_1)));
        assertEquals(List.of("chroot:SCMP_ACT_ALLOW", "both:SCMP_ACT_ALLOW"),
                kept(PodmanSeccomp.forX86_64(p, Set.of("CAP_SYS_CHROOT", "CAP_SYS_ADMIN"), KERNEL_6_1)));
    }

    @Test
    void archesAreMatchedByLibseccompsNativeNameAmd64() throws Exception {
        JsonNode p = profile("""
                {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
                {"names": ["set_tls"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
                {"names": ["not_on_amd64"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["amd64"]}},
                {"names": ["not_on_s390"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["s390x"]}}
                """);
        assertEquals(List.of("arch_prctl:SCMP_ACT_ALLOW", "not_on_s390:SCMP_ACT_ALLOW"),
                kept(PodmanSeccomp.forX86_64(p, Set.of(), KERNEL_6_1)));
    }

    @Test
    void minKernelKeepsARuleOnlyFromThatKernelOn() throws Exception {
        JsonNode p = profile("""
                {"names": ["new"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.10"}},
                {"names": ["old"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.10"}}
                """);
        assertEquals(List.of("old:SCMP_ACT_ALLOW"), kept(PodmanSeccomp.forX86_64(p, Set.of(), new KernelVersion(5, 4))));
        assertEquals(List.of("new:SCMP_ACT_ALLOW"), kept(PodmanSeccomp.forX86_64(p, Set.of(), new KernelVersion(5, 10))));
        // 5.9 < 5.10: minor compared as a number, not as text.
        assertEquals(List.of("old:SCMP_ACT_ALLOW"), kept(PodmanSeccomp.forX86_64(p, Set.of(), new KernelVersion(5, 9))));
    }

    @Test
    void aKeptRuleHasOnlyOciFieldsAndItsArgsAsWritten() throws Exception {
        JsonNode p = profile("""
                {"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 22, "errno": "EINVAL", "comment": "audit",
                 "args": [{"index": 0, "value": 16, "valueTwo": 0, "op": "SCMP_CMP_EQ"}],
                 "includes": {}, "excludes": {"caps": ["CAP_AUDIT_WRITE"]}},
                {"name": "single", "action": "SCMP_ACT_ALLOW", "args": null}
                """);
        ObjectNode s = PodmanSeccomp.forX86_64(p, Set.of("CAP_KILL"), KERNEL_6_1);
        assertEquals(JSON.readTree("""
                [{"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 22,
                  "args": [{"index": 0, "value": 16, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
                 {"names": ["single"], "action": "SCMP_ACT_ALLOW"}]
                """), s.get("syscalls"));
    }

    @Test
    void malformedProfilesAreRefusedWithTheField() throws Exception {
        JsonNode both = JSON.readTree("""
                {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"],
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64"}], "syscalls": []}
                """);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PodmanSeccomp.forX86_64(both, Set.of(), KERNEL_6_1))
                .getMessage().contains("architectures and archMap"));
        JsonNode badKernel = profile("{\"names\": [\"x\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"new\"}}");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PodmanSeccomp.forX86_64(badKernel, Set.of(), KERNEL_6_1)).getMessage()
                .startsWith("syscalls[0].includes.minKernel:"));
    }

    @Test
    void kernelVersionsParseUnameReleases() {
        assertEquals(new KernelVersion(6, 18), KernelVersion.parse("6.18.44-fc-v1045"));
        assertEquals(new KernelVersion(4, 8), KernelVersion.parse("4.8"));
        assertThrows(IllegalArgumentException.class, () -> KernelVersion.parse("six"));
    }
}
