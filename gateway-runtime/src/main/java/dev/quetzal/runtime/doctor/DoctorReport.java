package dev.quetzal.runtime.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.api.diagnostic.Finding.Severity;
import java.util.List;
import java.util.Locale;

/** The findings as lines for people or as JSON for scripts. */
public final class DoctorReport {
    private final List<DoctorFinding> findings;

    public DoctorReport(List<DoctorFinding> findings) {
        this.findings = List.copyOf(findings);
    }

    public boolean failed() {
        return count(Severity.FAIL) > 0;
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.finding().severity() == severity).count();
    }

    /** {@code fail  ikev2: UDP 0.0.0.0:500 (ikePort) is in use by another program -> stop that program ...} */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (DoctorFinding f : findings) {
            out.append(String.format(Locale.ROOT, "%-4s  %s: %s", f.finding().severity().name().toLowerCase(Locale.ROOT),
                    f.subject(), f.finding().found()));
            if (!f.finding().fix().isEmpty()) {
                out.append(" -> ").append(f.finding().fix());
            }
            out.append('\n');
        }
        out.append(count(Severity.OK)).append(" ok, ").append(count(Severity.WARN)).append(" warn, ")
                .append(count(Severity.FAIL)).append(" fail\n");
        return out.toString();
    }

    /** {@code {"findings": [{"severity": "fail", "subject": ..., "found": ..., "fix": ...}], "ok": n, ...}} */
    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (DoctorFinding f : findings) {
            list.addObject()
                    .put("severity", f.finding().severity().name().toLowerCase(Locale.ROOT))
                    .put("subject", f.subject())
                    .put("found", f.finding().found())
                    .put("fix", f.finding().fix());
        }
        for (Severity severity : Severity.values()) {
            root.put(severity.name().toLowerCase(Locale.ROOT), count(severity));
        }
        return root.toPrettyString() + "\n";
    }
}
