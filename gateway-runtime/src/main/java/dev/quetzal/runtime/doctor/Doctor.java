package dev.quetzal.runtime.doctor;

import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.plugin.ThreadContextClassLoader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The checks of {@code quetzal doctor} on a bound config: the runtime's own, then each component's. */
public final class Doctor {
    private final ListenCheck listen;
    private final ResolveCheck resolve;
    private final List<AddressPoolCheck.HostNetwork> hostNetworks;

    Doctor(ListenCheck listen, ResolveCheck resolve, List<AddressPoolCheck.HostNetwork> hostNetworks) {
        this.listen = listen;
        this.resolve = resolve;
        this.hostNetworks = List.copyOf(hostNetworks);
    }

    /** With this process's privileges and the host's interfaces. */
    public static Doctor ofHost() {
        return new Doctor(new ListenCheck(Privileges.ofProcess()), new ResolveCheck(ResolveCheck.SYSTEM),
                AddressPoolCheck.hostNetworks());
    }

    public List<DoctorFinding> check(LoadedConfig config) {
        List<DoctorFinding> findings = new ArrayList<>();
        findings.add(new DoctorFinding("config", Finding.ok(config.file() + " is valid")));
        status(config.settings().status(), findings);
        var pool = config.settings().addressPool();
        for (Finding f : AddressPoolCheck.check(pool.ipv4(), "addressPool.ipv4", hostNetworks)) {
            findings.add(new DoctorFinding("addressPool", f));
        }
        if (pool.ipv6() != null) {
            for (Finding f : AddressPoolCheck.check(pool.ipv6(), "addressPool.ipv6", hostNetworks)) {
                findings.add(new DoctorFinding("addressPool", f));
            }
        }
        for (ComponentSpec component : config.components()) {
            for (Finding f : diagnose(component)) {
                findings.add(new DoctorFinding(component.name(), f));
            }
        }
        return List.copyOf(findings);
    }

    private void status(StatusSettings status, List<DoctorFinding> findings) {
        if (!status.enabled()) {
            return;
        }
        InetAddress address;
        try {
            IpAddress literal = IpAddress.parseOrNull(status.listen().host());
            address = literal != null ? literal.toInetAddress() : InetAddress.getByName(status.listen().host());
        } catch (UnknownHostException e) {
            findings.add(new DoctorFinding("status", Finding.fail("status.listen host " + status.listen().host()
                    + " does not resolve", "use an address such as 127.0.0.1 in status.listen")));
            return;
        }
        findings.add(new DoctorFinding("status", listen.check(DiagnosticContext.Transport.TCP, address,
                status.listen().port(), "status.listen")));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Finding> diagnose(ComponentSpec component) {
        ComponentFactory factory = component.plugin().factory();
        DiagnosticContext context = new DiagnosticContext() {
            @Override
            public String componentName() {
                return component.name();
            }

            @Override
            public Finding checkListen(Transport transport, IpAddress address, int port, String field) {
                return listen.check(transport, address.toInetAddress(), port, field);
            }

            @Override
            public Finding checkResolves(String name, String field) {
                return resolve.check(name, field);
            }
        };
        // As when the component runs: the plugin's libraries find their resources through its loader.
        try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(component.plugin().classLoader())) {
            List<Finding> findings = factory.diagnose(component.config(), context);
            return findings == null ? List.of() : findings;
        } catch (RuntimeException | LinkageError e) {
            return List.of(Finding.fail("its checks failed: " + e.getClass().getSimpleName(),
                    "run with --log-level=debug and report it to the plugin's authors"));
        }
    }
}
