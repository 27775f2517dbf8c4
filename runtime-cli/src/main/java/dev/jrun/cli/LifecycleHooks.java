package dev.jrun.cli;

import dev.jrun.cli.log.Log;
import dev.jrun.core.JrunException;
import dev.jrun.core.hooks.HookException;
import dev.jrun.core.hooks.HookKind;
import dev.jrun.core.hooks.HookRunner;
import dev.jrun.core.spec.Hooks;
import dev.jrun.core.spec.Spec;
import dev.jrun.core.spec.SpecJson;
import dev.jrun.core.state.ContainerState;
import dev.jrun.core.state.StateJson;
import dev.jrun.linux.container.NamespacedHook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The hooks of a container's lifecycle. create runs prestart and createRuntime from the bundle's config; the
 * poststart and poststop hooks are kept in the state directory ({@value #FILE}) because start and delete must use
 * the config the container was created with (the bundle may have changed or gone since), and because reading a small
 * file only when it exists keeps jackson off start and delete for the usual container without hooks.
 */
final class LifecycleHooks {
    static final String FILE = "hooks.json";

    private LifecycleHooks() {
    }

    /** prestart then createRuntime, state "creating" with the init's pid, as runc passes it; the first failure throws. */
    static void runAtCreate(Hooks hooks, ContainerState creating) {
        if (hooks == null) {
            return;
        }
        HookRunner runner = new HookRunner(Path.of(creating.bundle()));
        String state = StateJson.renderState(creating);
        runner.runAll(HookKind.PRESTART, HookKind.PRESTART.of(hooks), state);
        runner.runAll(HookKind.CREATE_RUNTIME, HookKind.CREATE_RUNTIME.of(hooks), state);
        // createContainer: after createRuntime, before pivot_root, executed in the container's namespaces.
        runInContainer(HookKind.CREATE_CONTAINER, HookKind.CREATE_CONTAINER.of(hooks), creating, state);
    }

    /**
     * startContainer, before start releases the init: executed in the container's namespaces (after pivot_root,
     * so the path resolves inside the container, as runtime-spec says). The first failure throws.
     */
    static void runBeforeStart(Path stateDir, ContainerState created) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<Hooks.Hook> hooks = HookKind.START_CONTAINER.of(SpecJson.read(file).hooks());
        runInContainer(HookKind.START_CONTAINER, hooks, created, StateJson.renderState(created));
    }

    private static void runInContainer(HookKind kind, List<Hooks.Hook> hooks, ContainerState state, String json) {
        for (int i = 0; i < hooks.size(); i++) {
            NamespacedHook.run(kind.json(), i, hooks.get(i), state.pid(), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Keeps the hooks start and delete will need; writes nothing when there are none. */
    static void keep(Path stateDir, Hooks hooks) {
        if (HookKind.START_CONTAINER.of(hooks).isEmpty() && HookKind.POSTSTART.of(hooks).isEmpty()
                && HookKind.POSTSTOP.of(hooks).isEmpty()) {
            return;
        }
        Hooks later = new Hooks(null, null, null, hooks.startContainer(), hooks.poststart(), hooks.poststop());
        String json = SpecJson.write(new Spec(null, null, null, null, null, null, later, null, null));
        try {
            Files.writeString(stateDir.resolve(FILE), json);
        } catch (IOException e) {
            throw new JrunException("cannot write " + stateDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** poststart after start; a failure is a warning (runtime-spec), the container keeps running. */
    static void runAfterStart(Path stateDir, ContainerState running) {
        runWarning(stateDir, HookKind.POSTSTART, running);
    }

    /** poststop at delete, before the state goes; a failure is a warning and the delete goes on. */
    static void runAtDelete(Path stateDir, ContainerState stopped) {
        runWarning(stateDir, HookKind.POSTSTOP, stopped);
    }

    private static void runWarning(Path stateDir, HookKind kind, ContainerState state) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<Hooks.Hook> hooks;
        try {
            Spec kept = SpecJson.read(file);
            hooks = kind.of(kept.hooks());
        } catch (JrunException e) {
            Log.warn("cannot run " + kind.json() + " hooks: " + e.getMessage());
            return;
        }
        if (hooks.isEmpty()) {
            return;
        }
        Path bundle = Path.of(state.bundle());
        for (HookException failure : new HookRunner(bundle).runAllCollectingFailures(kind, hooks,
                StateJson.renderState(state))) {
            Log.warn(failure.getMessage());
        }
    }
}
