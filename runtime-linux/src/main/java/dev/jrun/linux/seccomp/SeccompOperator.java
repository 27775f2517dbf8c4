package dev.jrun.linux.seccomp;

/** enum scmp_compare of libseccomp's seccomp.h, for the operator names the spec uses. */
final class SeccompOperator {
    private SeccompOperator() {}

    static int of(String name, String path) {
        return switch (name) {
            case "SCMP_CMP_NE" -> 1;
            case "SCMP_CMP_LT" -> 2;
            case "SCMP_CMP_LE" -> 3;
            case "SCMP_CMP_EQ" -> 4;
            case "SCMP_CMP_GE" -> 5;
            case "SCMP_CMP_GT" -> 6;
            case "SCMP_CMP_MASKED_EQ" -> 7;
            case null, default -> throw new SeccompException(path + ": \"" + name
                    + "\" is not a seccomp operator (SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_MASKED_EQ, ...)");
        };
    }
}
