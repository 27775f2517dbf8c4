package dev.jrun.linux.plan;

import static dev.jrun.linux.plan.Arg.addr;
import static dev.jrun.linux.plan.Arg.imm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

    private static String rejection(PlanBuilder b) {
        return assertThrows(InvalidPlanException.class, b::build).getMessage();
    }

    @Test
    void resolvesForwardAndBackwardLabels() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg r = b.register();
        Label top = b.label("top");
        Label done = b.label("done");
        b.bind(top);
        b.sys("getpid", SyscallNumbers.GETPID).into(r);
        b.jumpIf("done if pid is 1", r, Condition.EQ, 1, done);
        b.jumpIf("again", r, Condition.NE, 1, top);
        b.bind(done);
        b.exit("exit", 0);
        Plan plan = b.build();

        assertEquals(new Op.JumpIf(r, Condition.EQ, 1, 3, "done if pid is 1"), plan.ops().get(1));
        assertEquals(new Op.JumpIf(r, Condition.NE, 1, 0, "again"), plan.ops().get(2));
        assertEquals(1, plan.registerCount());
    }

    @Test
    void unresolvedLabelIsRejected() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg r = b.register();
        b.sys("read fifo", SyscallNumbers.READ, imm(3)).into(r);
        b.jumpIf("retry read", r, Condition.EQ, -4, b.label("never"));
        b.exit("exit", 0);
        assertEquals("op 1 (retry read) jumps to label 'never', which is never bound", rejection(b));
    }

    @Test
    void registerOutOfRangeIsRejected() {
        PlanBuilder b = new PlanBuilder();
        b.register();
        b.emit(new Op.Sys(SyscallNumbers.GETPID, List.of(), Optional.of(new Arg.Reg(3)), Set.of(), "getpid"));
        b.exit("exit", 0);
        assertEquals("op 0 (getpid): register r3 is out of range (the plan has 1)", rejection(b));

        PlanBuilder none = new PlanBuilder();
        none.sys("close it", SyscallNumbers.CLOSE, new Arg.Reg(0));
        none.exit("exit", 0);
        assertEquals("op 0 (close it): register r0 is out of range (the plan has 0)", rejection(none));
    }

    @Test
    void jumpsOutOfRangeAreRejected() {
        PlanBuilder raw = new PlanBuilder();
        Arg.Reg r = raw.register();
        raw.emit(new Op.JumpIf(r, Condition.EQ, 0, 7, "to nowhere"));
        raw.exit("exit", 0);
        assertEquals("op 0 (to nowhere): jump target 7 is outside the plan (0..1)", rejection(raw));

        PlanBuilder pastEnd = new PlanBuilder();
        Arg.Reg s = pastEnd.register();
        Label end = pastEnd.label("end");
        pastEnd.jumpIf("to the end", s, Condition.EQ, 0, end);
        pastEnd.exit("exit", 0);
        pastEnd.bind(end);
        assertEquals("op 0 (to the end): jump target 2 is outside the plan (0..1)", rejection(pastEnd));
    }

    @Test
    void planMustEndWithExit() {
        PlanBuilder b = new PlanBuilder();
        b.sys("getpid", SyscallNumbers.GETPID);
        assertEquals("the last op (0, getpid) must be EXIT", rejection(b));
        assertEquals("a plan needs at least one op", rejection(new PlanBuilder()));
    }

    @Test
    void arenaReferencesAreChecked() {
        PlanBuilder b = new PlanBuilder();
        Arg.Reg r = b.register();
        int slot = b.arena().slot();
        b.arena().string("abc");
        b.sys("mkdir", SyscallNumbers.MKDIRAT, imm(-100), addr(16), imm(0755));
        b.exit("exit", 0);
        assertEquals("op 0 (mkdir): arena offset 16 is outside the arena (16 bytes)", rejection(b));

        PlanBuilder s = new PlanBuilder();
        Arg.Reg q = s.register();
        s.arena().slot();
        s.store("keep pid", q, 4);
        s.exit("exit", 0);
        assertEquals("op 0 (keep pid): STORE needs an aligned 8-byte slot inside the arena (8 bytes), got offset 4",
                rejection(s));
        assertEquals(0, slot);
        assertEquals(0, r.index());
    }

    @Test
    void badOpsFailWhereTheyAreEmitted() {
        PlanBuilder b = new PlanBuilder();
        Label l = b.label("l");
        b.bind(l);
        assertEquals("label 'l' is bound twice (ops 0 and 0)",
                assertThrows(InvalidPlanException.class, () -> b.bind(l)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> b.sys("seven args", 1, imm(0), imm(0), imm(0), imm(0), imm(0), imm(0), imm(0)));
        assertThrows(IllegalArgumentException.class, () -> b.sys(" ", SyscallNumbers.GETPID));
        assertThrows(IllegalArgumentException.class,
                () -> b.sys("odd errno", SyscallNumbers.GETPID).expectingErrno(193));
        assertThrows(IllegalArgumentException.class,
                () -> b.jumpIf("foreign", b.register(), Condition.EQ, 0, new PlanBuilder().label("x")));
    }
}
