package dev.jrun.core.validation;

import static dev.jrun.core.validation.Problems.at;
import static dev.jrun.core.validation.Problems.orEmpty;
import static dev.jrun.core.validation.Problems.quote;

import dev.jrun.core.spec.Process;
import dev.jrun.core.spec.Uint64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks {@code process}: what runc's spec conversion and libcontainer's validator reject. */
final class ProcessValidator {
    static final List<String> RLIMITS = List.of("RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA",
            "RLIMIT_FSIZE", "RLIMIT_LOCKS", "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE",
            "RLIMIT_NPROC", "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK");

    /** In kernel numbering order, up to CAP_CHECKPOINT_RESTORE (40, Linux 5.9): the names jrun sets. */
    static final List<String> CAPABILITIES = dev.jrun.core.features.Implemented.CAPABILITIES;

    static final List<String> IO_PRIORITY_CLASSES = List.of("IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE");

    static final List<String> SCHEDULER_POLICIES = List.of("SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH",
            "SCHED_ISO", "SCHED_IDLE", "SCHED_DEADLINE");

    static final List<String> SCHEDULER_FLAGS = List.of("SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM",
            "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY", "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN",
            "SCHED_FLAG_UTIL_CLAMP_MAX");

    private final Problems problems;

    ProcessValidator(Problems problems) {
        this.problems = problems;
    }

    void validate(Process p) {
        if (p.args() == null || p.args().isEmpty()) {
            problems.add("process.args", "must name the program to run (at least one element)");
        }
        if (p.cwd() == null || p.cwd().isEmpty()) {
            problems.add("process.cwd", "is required (an absolute path such as \"/\")");
        } else {
            problems.absolute("process.cwd", p.cwd());
        }
        user(p.user());
        capabilities(p.capabilities());
        rlimits(orEmpty(p.rlimits()));
        problems.range("process.oomScoreAdj", p.oomScoreAdj(), -1000, 1000);
        if (p.ioPriority() != null) {
            problems.required("process.ioPriority.class", p.ioPriority().ioClass());
            problems.oneOf("process.ioPriority.class", p.ioPriority().ioClass(), "an I/O priority class",
                    IO_PRIORITY_CLASSES);
            problems.range("process.ioPriority.priority", p.ioPriority().priority(), 0, 7);
        }
        scheduler(p.scheduler());
    }

    private void user(Process.User user) {
        if (user == null) {
            problems.add("process.user", "is required (at least {\"uid\": 0, \"gid\": 0})");
            return;
        }
        problems.uint32("process.user.uid", user.uid());
        problems.uint32("process.user.gid", user.gid());
        if (user.umask() != null) {
            problems.range("process.user.umask", user.umask(), 0, 0777);
        }
        List<Long> gids = orEmpty(user.additionalGids());
        for (int i = 0; i < gids.size(); i++) {
            problems.uint32(at("process.user.additionalGids", i), gids.get(i));
        }
    }

    private void capabilities(Process.Capabilities caps) {
        if (caps == null) {
            return;
        }
        capabilitySet("bounding", caps.bounding());
        capabilitySet("effective", caps.effective());
        capabilitySet("inheritable", caps.inheritable());
        capabilitySet("permitted", caps.permitted());
        capabilitySet("ambient", caps.ambient());
    }

    private void capabilitySet(String name, List<String> caps) {
        List<String> list = orEmpty(caps);
        for (int i = 0; i < list.size(); i++) {
            problems.oneOf(at("process.capabilities." + name, i), list.get(i), "a known capability", CAPABILITIES);
        }
    }

    private void rlimits(List<Process.Rlimit> rlimits) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rlimits.size(); i++) {
            String path = at("process.rlimits", i);
            Process.Rlimit r = rlimits.get(i);
            if (r == null) {
                problems.add(path, "must be an object, not null");
                continue;
            }
            if (r.type() == null) {
                problems.add(path + ".type", "is required");
            } else if (!RLIMITS.contains(r.type())) {
                problems.oneOf(path + ".type", r.type(), "a known rlimit", RLIMITS);
            } else {
                Integer first = seen.putIfAbsent(r.type(), i);
                if (first != null) {
                    problems.add(path + ".type", "duplicate " + quote(r.type()) + " (already set at "
                            + at("process.rlimits", first) + ")");
                }
            }
            if (r.hard() == null) {
                problems.add(path + ".hard", "is required");
            }
            if (r.soft() == null) {
                problems.add(path + ".soft", "is required");
            }
            if (r.hard() != null && r.soft() != null && Long.compareUnsigned(r.soft(), r.hard()) > 0) {
                problems.add(path + ".soft", "soft limit " + Uint64.toString(r.soft())
                        + " is greater than hard limit " + Uint64.toString(r.hard()));
            }
        }
    }

    private void scheduler(Process.Scheduler s) {
        if (s == null) {
            return;
        }
        if (s.policy() == null) {
            problems.add("process.scheduler.policy", "is required");
        }
        problems.oneOf("process.scheduler.policy", s.policy(), "a scheduling policy", SCHEDULER_POLICIES);
        problems.range("process.scheduler.nice", s.nice(), -20, 19);
        List<String> flags = orEmpty(s.flags());
        for (int i = 0; i < flags.size(); i++) {
            problems.oneOf(at("process.scheduler.flags", i), flags.get(i), "a scheduler flag", SCHEDULER_FLAGS);
        }
    }
}
