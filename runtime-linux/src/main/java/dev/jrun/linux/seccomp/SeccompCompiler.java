package dev.jrun.linux.seccomp;

import dev.jrun.core.spec.Seccomp;

/** Compiles linux.seccomp into a {@link SeccompProgram} with libseccomp (through JNA), as runc and crun do. */
public final class SeccompCompiler {
    private SeccompCompiler() {}

    public static SeccompProgram compile(Seccomp seccomp) {
        throw new UnsupportedOperationException("SeccompCompiler is being written");
    }
}
