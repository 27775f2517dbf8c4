package dev.jrun.linux.container;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;

import dev.jrun.core.spec.Seccomp;
import dev.jrun.core.spec.Spec;
import dev.jrun.linux.plan.PlanBuilder;
import dev.jrun.linux.plan.SyscallNumbers;
import dev.jrun.linux.seccomp.SeccompCompiler;
import dev.jrun.linux.seccomp.SeccompProgram;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Loads linux.seccomp in the container process: without noNewPrivileges before the capabilities are dropped
 * (loading then needs CAP_SYS_ADMIN), as runc 1.1.5 does; with it after the exec.fifo wait, just before execve, so
 * the filter need allow little more than execve. runc loads it before the fifo wait, because it passes a notify fd to
 * its parent on the init pipe; notify support here will have to do the same. The parent compiles the filter
 * with libseccomp; the child only makes the seccomp(2) call with the exported program, which the arena holds.
 */
final class SeccompLoad {
    private static final long SECCOMP_SET_MODE_FILTER = 1;

    private SeccompLoad() {}

    static Seccomp of(Spec spec) {
        return spec.linux() == null ? null : spec.linux().seccomp();
    }

    static boolean beforeCapabilities(Spec spec) {
        return of(spec) != null && !Boolean.TRUE.equals(spec.process().noNewPrivileges());
    }

    static boolean beforeExec(Spec spec) {
        return of(spec) != null && Boolean.TRUE.equals(spec.process().noNewPrivileges());
    }

    static void emit(PlanBuilder b, Seccomp seccomp) {
        SeccompProgram program = SeccompCompiler.compile(seccomp);
        int filter = b.arena().bytes(program.filter(), 8);
        // struct sock_fprog { unsigned short len; /* 6 bytes padding */ struct sock_filter *filter; }
        byte[] fprog = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .putShort((short) program.instructions()).array();
        int at = b.arena().bytes(fprog, 8);
        b.arena().pointerAt(at + 8, filter);
        b.sys("load the seccomp filter (" + program.instructions() + " instructions, flags 0x"
                + Long.toHexString(program.flags()) + ")", SyscallNumbers.SECCOMP, imm(SECCOMP_SET_MODE_FILTER),
                imm(program.flags()), addr(at));
    }
}
