package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.fixtures.JrunProcess;
import dev.jrun.fixtures.JrunProcess.Result;
import dev.jrun.fixtures.RootOnly;
import dev.jrun.linux.seccomp.SeccompCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers under podman's default seccomp profile (containers-common's /usr/share/containers/seccomp.json),
 * converted as podman converts it for the config's own bounding capabilities (runc's default three). Every expected
 * value is what runc 1.1.5 shows for the same converted profile in a busybox bundle.
 */
class PodmanProfileIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ScratchContainers containers;

    @BeforeEach
    void needsRootTheProfileAndTheCompiler() throws IOException {
        assumeTrue(RootOnly.isRoot(), RootOnly.skipReason());
        containers = new ScratchContainers(tmp);
        assumeTrue(Files.isRegularFile(PodmanSeccomp.DEFAULT_PROFILE), "no " + PodmanSeccomp.DEFAULT_PROFILE
                + ": apt-get install golang-github-containers-common (scripts/test.sh does)");
        ObjectNode probe = withPodmanProfile(RunnableConfigs.running("true"));
        try {
            SeccompCompiler.compile(SpecJson.parse(JSON.writeValueAsString(probe), "probe config").linux().seccomp());
        } catch (UnsupportedOperationException e) {
            abort("the seccomp compiler is not there yet: " + e.getMessage());
        }
    }

    @AfterEach
    void deleteWhatWeMade() {
        if (containers != null) {
            containers.deleteAll();
        }
    }

    @Test
    void theFilterIsInPlaceAndOrdinaryCommandsWork() throws Exception {
        ObjectNode c = withPodmanProfile(config("sh", "-c", """
                grep Seccomp: /proc/self/status
                ls / >/dev/null && echo ls=ok
                cat /proc/self/stat >/dev/null && echo cat=ok
                mkdir /tmp/d && echo mkdir=ok
                echo echo=ok
                id
                ps -o pid,comm | grep -c '^ *1 sh$'
                """));
        Result r = run("ordinary", c);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("Seccomp:\t2", "ls=ok", "cat=ok", "mkdir=ok", "echo=ok", "uid=0(root) gid=0(root)", "1"),
                r.stdout().lines().toList(), r.toString());
    }

    /** add_key is in no rule: the profile's default, ERRNO with defaultErrnoRet 38 (unfiltered it is EFAULT). */
    @Test
    void aSyscallTheProfileDoesNotListFailsWithEnosys() throws Exception {
        ObjectNode c = withPodmanProfile(config("/bin/add_key"));
        Path bundle = containers.bundle("unlisted", c);
        SyscallErrnoProbe.write(bundle.resolve("rootfs/bin/add_key"), SyscallErrnoProbe.SYS_ADD_KEY);
        Result r = containers.jrun("run", "--bundle", bundle.toString(), "unlisted");
        assertEquals(38, r.exitCode(), "want ENOSYS from the profile's default action: " + r);
    }

    /**
     * chroot without CAP_SYS_CHROOT meets the profile's explicit ERRNO 1 rule: EPERM even for a missing directory,
     * where the kernel itself (no filter) looks the path up first and says ENOENT.
     */
    @Test
    void chrootWithoutItsCapabilityIsRefusedByTheProfilesEpermRule() throws Exception {
        ObjectNode c = withPodmanProfile(config("sh", "-c", "chroot /nonexistent true"));
        Result r = run("eperm", c);
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("chroot: can't change root directory to '/nonexistent': Operation not permitted",
                r.stderr().strip(), r.toString());

        Result unfiltered = run("eperm-unfiltered", config("sh", "-c", "chroot /nonexistent true"));
        assertEquals("chroot: can't change root directory to '/nonexistent': No such file or directory",
                unfiltered.stderr().strip(), unfiltered.toString());
    }

    /** The conversion follows the capabilities: with CAP_SYS_CHROOT the profile allows chroot, without it not. */
    @Test
    void withCapSysChrootTheConvertedProfileAllowsChroot() throws Exception {
        ObjectNode c = config("sh", "-c", "chroot / true; echo chroot=$?");
        JsonNode withoutChroot = PodmanSeccomp.forX86_64(PodmanSeccomp.readProfile(PodmanSeccomp.DEFAULT_PROFILE),
                bounding(c));
        ObjectNode caps = (ObjectNode) c.path("process").path("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ((ArrayNode) caps.get(set)).add("CAP_SYS_CHROOT");
        }
        withPodmanProfile(c);
        Result r = run("chroot-allowed", c);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("chroot=0", r.stdout().strip(), r.toString());

        // The same capabilities under the profile converted without CAP_SYS_CHROOT: its ERRNO 1 rule applies.
        ((ObjectNode) c.get("linux")).set("seccomp", withoutChroot);
        Result denied = run("chroot-denied", c);
        assertEquals("chroot=1", denied.stdout().strip(), denied.toString());
        assertEquals("chroot: can't change root directory to '/': Operation not permitted", denied.stderr().strip(),
                denied.toString());
    }

    // ---- helpers

    private static ObjectNode config(String... args) throws IOException {
        ObjectNode c = RunnableConfigs.running(args);
        // A writable rootfs, so that mkdir has somewhere to write.
        ((ObjectNode) c.get("root")).put("readonly", false);
        return c;
    }

    private static List<String> bounding(ObjectNode config) {
        List<String> caps = new ArrayList<>();
        config.path("process").path("capabilities").path("bounding").forEach(n -> caps.add(n.asText()));
        return caps;
    }

    /** Sets linux.seccomp to podman's profile converted for this config's bounding capabilities; returns config. */
    private static ObjectNode withPodmanProfile(ObjectNode config) throws IOException {
        ObjectNode seccomp = PodmanSeccomp.forX86_64(PodmanSeccomp.readProfile(PodmanSeccomp.DEFAULT_PROFILE),
                bounding(config));
        ((ObjectNode) config.get("linux")).set("seccomp", seccomp);
        return config;
    }

    private Result run(String id, ObjectNode config) throws IOException {
        return containers.run(id, config);
    }
}
