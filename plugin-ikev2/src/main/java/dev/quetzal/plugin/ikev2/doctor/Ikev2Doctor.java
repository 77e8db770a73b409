package dev.quetzal.plugin.ikev2.doctor;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import java.util.ArrayList;
import java.util.List;

/** {@code quetzal doctor} for an {@code ikev2} frontend: its UDP ports, then its certificates. */
public final class Ikev2Doctor {
    private Ikev2Doctor() {}

    public static List<Finding> diagnose(Ikev2Config config, DiagnosticContext context) {
        List<Finding> findings = new ArrayList<>();
        if (!config.singlePort()) {
            findings.add(context.checkListen(DiagnosticContext.Transport.UDP, config.listenAddress(), config.ikePort(),
                    "ikePort"));
        }
        findings.add(context.checkListen(DiagnosticContext.Transport.UDP, config.listenAddress(), config.natPort(),
                "natPort"));
        findings.addAll(ServerCertificateCheck.check(config, context.now()));
        return findings;
    }
}
