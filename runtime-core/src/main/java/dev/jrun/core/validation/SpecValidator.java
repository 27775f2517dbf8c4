package dev.jrun.core.validation;

import static dev.jrun.core.validation.Problems.at;
import static dev.jrun.core.validation.Problems.orEmpty;
import static dev.jrun.core.validation.Problems.quote;

import dev.jrun.core.spec.Hooks;
import dev.jrun.core.spec.Mount;
import dev.jrun.core.spec.Spec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a parsed spec against runtime-spec 1.2 and the extra rules runc enforces, without touching the
 * filesystem. Every problem is collected so that the user can fix a config in one round trip.
 */
public final class SpecValidator {
    /** The SemVer 2.0.0 grammar, from semver.org. */
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private SpecValidator() {
    }

    public static List<Problem> validate(Spec spec) {
        Problems problems = new Problems();
        ociVersion(problems, spec.ociVersion());
        if (spec.process() != null) {
            new ProcessValidator(problems).validate(spec.process());
        }
        if (spec.root() == null) {
            problems.add("root", "is required on Linux (at least {\"path\": \"rootfs\"})");
        } else {
            problems.required("root.path", spec.root().path());
        }
        mounts(problems, orEmpty(spec.mounts()));
        if (spec.hooks() != null) {
            hooks(problems, spec.hooks());
        }
        new LinuxValidator(problems).validate(spec);
        return problems.list();
    }

    private static void ociVersion(Problems problems, String version) {
        if (version == null || version.isEmpty()) {
            problems.add("ociVersion", "is required (the runtime-spec version, e.g. \"1.2.1\")");
            return;
        }
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            problems.add("ociVersion", quote(version) + " is not a SemVer 2.0.0 version (e.g. \"1.2.1\")");
        } else if (!m.group(1).equals("1")) {
            problems.add("ociVersion", quote(version) + " has major version " + m.group(1)
                    + "; jrun supports runtime-spec 1.x");
        }
    }

    /**
     * runtime-spec 1.2 says a Linux destination SHOULD be absolute and a relative one is deprecated but MUST be
     * taken relative to "/" (runc warns), so only a missing destination is an error here.
     */
    private static void mounts(Problems problems, List<Mount> mounts) {
        for (int i = 0; i < mounts.size(); i++) {
            String path = at("mounts", i);
            Mount m = mounts.get(i);
            if (m == null) {
                problems.add(path, "must be an object, not null");
                continue;
            }
            if (m.destination() == null || m.destination().isEmpty()) {
                problems.add(path + ".destination", "is required (an absolute path inside the container)");
            }
        }
    }

    private static void hooks(Problems problems, Hooks hooks) {
        hookList(problems, "hooks.prestart", hooks.prestart());
        hookList(problems, "hooks.createRuntime", hooks.createRuntime());
        hookList(problems, "hooks.createContainer", hooks.createContainer());
        hookList(problems, "hooks.startContainer", hooks.startContainer());
        hookList(problems, "hooks.poststart", hooks.poststart());
        hookList(problems, "hooks.poststop", hooks.poststop());
    }

    private static void hookList(Problems problems, String name, List<Hooks.Hook> hooks) {
        List<Hooks.Hook> list = orEmpty(hooks);
        for (int i = 0; i < list.size(); i++) {
            String path = at(name, i);
            Hooks.Hook hook = list.get(i);
            if (hook == null) {
                problems.add(path, "must be an object, not null");
                continue;
            }
            if (hook.path() == null || hook.path().isEmpty()) {
                problems.add(path + ".path", "is required (an absolute path on the host)");
            } else {
                problems.absolute(path + ".path", hook.path());
            }
            if (hook.timeout() != null && hook.timeout() <= 0) {
                problems.add(path + ".timeout", "must be greater than 0 seconds, got " + hook.timeout());
            }
        }
    }
}
