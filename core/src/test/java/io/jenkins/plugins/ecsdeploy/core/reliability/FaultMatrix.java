package io.jenkins.plugins.ecsdeploy.core.reliability;

import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Tallies fault runs by phase and fault, and writes them as a Markdown table and a CSV of every run. */
final class FaultMatrix {

    /** One faulted run and its verdict. */
    record Row(Scenario scenario, Injection injection, String outcome, Invariants.Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    long tried() {
        return rows().size();
    }

    long violations() {
        return rows().stream().filter(r -> !r.verdict().held()).count();
    }

    long count(java.util.function.Predicate<Row> which) {
        return rows().stream().filter(which).count();
    }

    /** Phase by fault: "held/tried" in each cell, then totals. */
    String markdown() {
        Map<Phase, Map<Fault, int[]>> cells = new EnumMap<>(Phase.class);
        for (Row r : rows()) {
            int[] cell = cells.computeIfAbsent(r.injection().phase(), p -> new EnumMap<>(Fault.class))
                    .computeIfAbsent(r.injection().fault(), f -> new int[2]);
            cell[0]++;
            cell[1] += r.verdict().held() ? 1 : 0;
        }
        StringBuilder md = new StringBuilder("| phase \\ fault |");
        for (Fault f : Fault.values()) {
            md.append(' ').append(f).append(" |");
        }
        md.append(" held / tried |\n|---|");
        md.append("---|".repeat(Fault.values().length + 1)).append('\n');
        for (Map.Entry<Phase, Map<Fault, int[]>> e : cells.entrySet()) {
            md.append("| ").append(e.getKey()).append(" |");
            int tried = 0;
            int held = 0;
            for (Fault f : Fault.values()) {
                int[] cell = e.getValue().get(f);
                md.append(' ').append(cell == null ? "-" : cell[1] + "/" + cell[0]).append(" |");
                tried += cell == null ? 0 : cell[0];
                held += cell == null ? 0 : cell[1];
            }
            md.append(' ').append(held).append(" / ").append(tried).append(" |\n");
        }
        md.append("\nCells: runs in which every invariant held / runs tried (\"-\": fault does not apply).\n\n")
                .append("- states x calls x faults tried: ").append(tried()).append('\n')
                .append("- invariant violations: ").append(violations()).append('\n')
                .append("- runs whose rollback hit the fault and was retried by the engine: ")
                .append(count(r -> r.verdict().rollbackRetried())).append('\n')
                .append("- runs ending in a loud ROLLBACK_FAILED: ")
                .append(count(r -> r.verdict().loudRollbackFailure())).append(", of which with all traffic on one"
                        + " healthy slot: ")
                .append(count(r -> r.verdict().loudRollbackFailure() && r.verdict().onHealthySlot())).append('\n')
                .append("- runs that ended with traffic not all on one healthy slot: ")
                .append(count(r -> !r.verdict().onHealthySlot())).append(" (each a loud ROLLBACK_FAILED, or a"
                        + " violation above)\n");
        return md.toString();
    }

    String csv() {
        StringBuilder csv = new StringBuilder("scenario,phase,action,fault,level,outcome,held,loud_rollback_failed,"
                + "rollback_retried,on_healthy_slot,violations\n");
        for (Row r : rows()) {
            Injection i = r.injection();
            csv.append(r.scenario()).append(',').append(i.phase()).append(',').append(i.action()).append(',')
                    .append(i.fault()).append(',').append(i.level()).append(',').append(r.outcome()).append(',')
                    .append(r.verdict().held()).append(',').append(r.verdict().loudRollbackFailure()).append(',')
                    .append(r.verdict().rollbackRetried()).append(',').append(r.verdict().onHealthySlot())
                    .append(",\"")
                    .append(String.join(" | ", r.verdict().violations()).replace("\"", "'")).append("\"\n");
        }
        return csv.toString();
    }

    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("fault-matrix.md"), "# Fault matrix\n\n" + markdown());
            Files.writeString(directory.resolve("fault-matrix.csv"), csv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
