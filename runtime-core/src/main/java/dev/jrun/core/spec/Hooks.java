package dev.jrun.core.spec;

import java.util.List;

/** Lifecycle hooks; {@code prestart} is deprecated by the spec but still honoured by runc. */
public record Hooks(
        List<Hook> prestart,
        List<Hook> createRuntime,
        List<Hook> createContainer,
        List<Hook> startContainer,
        List<Hook> poststart,
        List<Hook> poststop) {

    public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    }
}
