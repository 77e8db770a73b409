package dev.quetzal.runtime.cli;

import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.ConfigLoader;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.doctor.Doctor;
import dev.quetzal.runtime.doctor.DoctorFinding;
import dev.quetzal.runtime.doctor.DoctorReport;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check what often breaks a config: ports, certificates, the FortiGate and its pin, DNS, the clock."
                + " One line per finding (ok, warn, fail) with what to do; exit 1 when any fails.")
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The JSON config to check.")
    Path file;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Override
    public Integer call() {
        GlobalOptions options = parent.options;
        PrintWriter err = spec.commandLine().getErr();
        if (!options.applyLogLevel(err)) {
            return ExitCodes.BAD_INPUT;
        }
        PluginRegistry plugins = new Startup(options, err, System.getenv(), parent).plugins();
        if (plugins == null) {
            return ExitCodes.BAD_INPUT;
        }
        List<DoctorFinding> findings;
        try {
            LoadedConfig config = new ConfigLoader(plugins, System.getenv()).load(file);
            findings = Doctor.ofHost().check(config);
        } catch (ConfigException e) {
            // Nothing else can be checked without a config; the finding names the file and the field.
            findings = List.of(new DoctorFinding("config", Finding.fail(e.getMessage(),
                    "fix that " + (e.jsonPath() == null ? "file" : "field") + "; quetzal check-config FILE checks it again")));
        }
        DoctorReport report = new DoctorReport(findings);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.failed() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
