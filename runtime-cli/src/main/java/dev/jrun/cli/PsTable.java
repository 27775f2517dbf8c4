package dev.jrun.cli;

import java.util.List;

/** What runc's ps prints: the lines of a {@code ps} run whose PID column is one of the container's processes. */
final class PsTable {
    private PsTable() {
    }

    /**
     * The header and the lines of {@code psOutput} for {@code pids}, each ending in a newline.
     *
     * @throws IllegalArgumentException with runc's text when the output has no PID column or a bad pid in it
     */
    static String filter(String psOutput, List<Integer> pids) {
        String[] lines = psOutput.split("\n", -1);
        int pidColumn = pidColumn(lines[0]);
        StringBuilder out = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (pidColumn >= fields.length) {
                throw new IllegalArgumentException("unable to parse pid: line \"" + line + "\" has no PID column");
            }
            int pid;
            try {
                pid = Integer.parseInt(fields[pidColumn]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unable to parse pid: strconv.Atoi: parsing \"" + fields[pidColumn]
                        + "\": invalid syntax", e);
            }
            if (pids.contains(pid)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Go's encoding of runc's pid slice: {@code null} when there is none. */
    static String json(List<Integer> pids) {
        if (pids.isEmpty()) {
            return "null\n";
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < pids.size(); i++) {
            out.append(i == 0 ? "" : ",").append(pids.get(i));
        }
        return out.append("]\n").toString();
    }

    private static int pidColumn(String header) {
        String[] titles = header.trim().split("\\s+");
        for (int i = 0; i < titles.length; i++) {
            if (titles[i].equals("PID")) {
                return i;
            }
        }
        throw new IllegalArgumentException("couldn't find PID field in ps output");
    }
}
