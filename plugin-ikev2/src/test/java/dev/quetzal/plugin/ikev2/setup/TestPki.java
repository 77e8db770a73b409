package dev.quetzal.plugin.ikev2.setup;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.certs.CertificateIssuer;
import dev.quetzal.plugin.ikev2.certs.CertifiedKey;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.certs.SubjectAltName;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/** A CA, the server {@code vpn.test} and the client {@code client1@vpn.test}, as PEM files in a folder. */
public record TestPki(CertifiedKey ca, CertifiedKey server, CertifiedKey client, Path folder) {
    public static TestPki create(Path folder, KeyType type) throws GeneralSecurityException, IOException {
        CertificateIssuer issuer = new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
        CertifiedKey ca = issuer.createAuthority("Quetzal Test CA", type);
        CertifiedKey server = issuer.issueServer(ca, "vpn.test", List.of(), type);
        CertifiedKey client = issuer.issueClient(ca, new SubjectAltName.Email("client1@vpn.test"), type);
        TestPki pki = new TestPki(ca, server, client, folder);
        Files.write(pki.certificate(), concat(pem("CERTIFICATE", server.certificate().getEncoded()),
                pem("CERTIFICATE", ca.certificate().getEncoded())));
        Files.write(pki.key(), pem("PRIVATE KEY", server.privateKey().getEncoded()));
        Files.write(pki.clientCa(), pem("CERTIFICATE", ca.certificate().getEncoded()));
        return pki;
    }

    public Path certificate() {
        return folder.resolve("server.pem");
    }

    public Path key() {
        return folder.resolve("server-key.pem");
    }

    public Path clientCa() {
        return folder.resolve("ca.pem");
    }

    /** The client side of the handshake: its certificate, trusting the same CA. */
    public IkeSaConfig clientConfig(ProposalPolicy policy) {
        return new IkeSaConfig(List.of(new OwnCredential(client.privateKey(), List.of(client.certificate()))),
                Identification.rfc822("client1@vpn.test"), List.of(ca.certificate()), policy, Clock.systemUTC(), false);
    }

    static byte[] pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
