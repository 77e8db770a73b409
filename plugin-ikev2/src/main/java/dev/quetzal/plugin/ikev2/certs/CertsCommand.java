package dev.quetzal.plugin.ikev2.certs;

import dev.quetzal.api.command.CommandContext;
import dev.quetzal.api.command.PluginCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code quetzal certs}: a small PKI for the {@code ikev2} frontend and its clients. See {@link
 * CertsArguments#USAGE} for the command line and {@link CertificateIssuer} for what goes into the
 * certificates. Exit status 0 done, 1 failed (for example a file exists already), 2 bad arguments.
 */
public final class CertsCommand implements PluginCommand {
    private final Clock clock;
    private final SecureRandom random;

    public CertsCommand() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    /** For tests: a fixed clock and random source. */
    CertsCommand(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return "certs";
    }

    @Override
    public String summary() {
        return "Create a CA, IKEv2 server certificates and client certificates (PEM, PKCS#12)";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws GeneralSecurityException, IOException {
        return switch (CertsArguments.parse(args, context.workingDirectory())) {
            case CertsArguments.Parsed.Help help -> {
                context.out().print(CertsArguments.USAGE);
                yield 0;
            }
            case CertsArguments.Parsed.Invalid invalid -> {
                context.err().println("certs " + invalid.message() + " (see quetzal certs --help)");
                yield CertsFailure.BAD_INPUT;
            }
            case CertsArguments.Parsed.Run run -> {
                try {
                    execute(run.request(), context);
                    yield 0;
                } catch (CertsFailure e) {
                    context.err().println("certs: " + e.getMessage());
                    yield e.status();
                }
            }
        };
    }

    private void execute(CertsRequest request, CommandContext context) throws CertsFailure, GeneralSecurityException, IOException {
        CertificateIssuer issuer = new CertificateIssuer(clock, random);
        PrintWriter out = context.out();
        switch (request) {
            case CertsRequest.Authority ca -> {
                CertifiedKey authority = issuer.createAuthority(ca.commonName(), ca.key());
                OutputFiles files = new OutputFiles(ca.out())
                        .add(AuthorityFolder.CERTIFICATE, Pem.certificate(authority.certificate()))
                        .addSecret(AuthorityFolder.KEY, Pem.privateKey(authority.privateKey()));
                write(files, out);
                describe(out, "CA", authority.certificate(), ca.key());
                out.println("Keep " + AuthorityFolder.KEY + " offline; clients and the ikev2 frontend need only " + AuthorityFolder.CERTIFICATE + ".");
            }
            case CertsRequest.Server server -> {
                CertifiedKey authority = AuthorityFolder.load(server.ca());
                CertifiedKey issued = issuer.issueServer(authority, server.dnsName(), server.extraNames(), server.key());
                OutputFiles files = new OutputFiles(server.out())
                        .add(server.dnsName() + ".pem", Pem.certificate(issued.certificate()))
                        .addSecret(server.dnsName() + "-key.pem", Pem.privateKey(issued.privateKey()))
                        .add(AuthorityFolder.CERTIFICATE, Pem.certificate(authority.certificate()));
                write(files, out);
                describe(out, "server", issued.certificate(), server.key());
                out.println("Clients must connect to " + server.dnsName() + " (remote ID / server address), not to an IP address.");
            }
            case CertsRequest.Client client -> {
                char[] password = password(client, context);
                try {
                    CertifiedKey authority = AuthorityFolder.load(client.ca());
                    CertifiedKey issued = issuer.issueClient(authority, client.identity(), client.key());
                    byte[] p12 = new Pkcs12Bundle(random).encode(issued, client.name(), authority.certificate(),
                            commonName(authority.certificate()), password);
                    OutputFiles files = new OutputFiles(client.out())
                            .add(client.name() + ".pem", Pem.certificate(issued.certificate()))
                            .addSecret(client.name() + "-key.pem", Pem.privateKey(issued.privateKey()))
                            .addSecret(client.name() + ".p12", p12)
                            .add(AuthorityFolder.CERTIFICATE, Pem.certificate(authority.certificate()));
                    write(files, out);
                    describe(out, "client", issued.certificate(), client.key());
                    if (client.passwordVariable().isEmpty()) {
                        out.println("PKCS#12 password (shown only now): " + new String(password));
                    }
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
        }
        out.flush();
    }

    private char[] password(CertsRequest.Client client, CommandContext context) throws CertsFailure {
        if (client.passwordVariable().isEmpty()) {
            return P12Password.generate(random);
        }
        String variable = client.passwordVariable().get();
        String value = context.environment().get(variable);
        if (value == null || value.isEmpty()) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--p12-password-env: environment variable " + variable + " is not set");
        }
        return value.toCharArray();
    }

    private static void write(OutputFiles files, PrintWriter out) throws CertsFailure, IOException {
        List<Path> written;
        try {
            written = files.write();
        } catch (FileAlreadyExistsException e) {
            throw new CertsFailure(CertsFailure.FAILED, e.getReason() + "; nothing was written");
        }
        for (Path path : written) {
            out.println("wrote " + path);
        }
    }

    private static void describe(PrintWriter out, String role, X509Certificate certificate, KeyType key)
            throws GeneralSecurityException {
        byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        out.println(role + " certificate " + certificate.getSubjectX500Principal().getName() + ", " + key.option()
                + ", valid until " + certificate.getNotAfter().toInstant() + ", SHA-256 "
                + HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint));
    }

    private static String commonName(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName();
        return name.startsWith("CN=") && !name.contains(",") ? name.substring(3) : name;
    }
}
