package dev.quetzal.plugin.ikev2.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.client.InertChildSa;
import dev.quetzal.plugin.ikev2.client.StaticEnvironment;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.fragment.ReassemblyLimits;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SaFragmentation} between two engines over an in-memory network: RFC 7383 §2.5 (split only what exceeds the
 * path's size, every datagram within it), §2.6 (reassembly per IKE SA, a forged fragment dropped without harm).
 */
final class SaFragmentationTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 4500);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 4500);
    /** 576-octet IPv4 datagrams: 544 octets of IKE message after IP, UDP and the non-ESP marker. */
    private static final int DATAGRAM = 576;
    private static final int LIMIT = DATAGRAM - 20 - 8 - 4;

    @TempDir
    Path folder;

    private final InMemoryNetwork network = new InMemoryNetwork();
    private final List<ChildSaSpec> installed = new ArrayList<>();

    private StandardIkeEngine engine(IkeSaConfig config, SaFragmentation fragmentation) {
        return new StandardIkeEngine(config, network.transport(), new Plane(), StaticEnvironment.always("100.64.0.2"),
                new SecureRandom(), System::nanoTime, fragmentation);
    }

    @Test
    @DisplayName("RFC 7383 §2.5, §2.6: IKE_AUTH both ways in fragments of at most the path's size, reassembled per SA")
    void authInFragmentsBothWays() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        IkeSaConfig serverConfig = new IkeSaConfig(List.of(new OwnCredential(pki.server().privateKey(),
                List.of(pki.server().certificate(), pki.ca().certificate()))), Identification.fqdn("vpn.test"),
                List.of(pki.ca().certificate()), ProposalPolicy.DEFAULT, Clock.systemUTC(), false);
        SaFragmentation clientFragments = new SaFragmentation(DATAGRAM, ReassemblyLimits.DEFAULT, InstantSource.system());
        SaFragmentation serverFragments = new SaFragmentation(DATAGRAM, ReassemblyLimits.DEFAULT, InstantSource.system());
        StandardIkeEngine client = engine(pki.clientConfig(ProposalPolicy.DEFAULT), clientFragments);
        network.engines.put(SERVER, engine(serverConfig, serverFragments));
        network.engines.put(CLIENT, client);

        IkeSa sa = client.initiate(SERVER, CLIENT);
        // One forged fragment (flipped ICV octet) before the real ones: dropped, the rest still reassembles.
        boolean[] forged = {false};
        network.drop = d -> {
            if (!forged[0] && exchange(d) == ExchangeType.IKE_AUTH && d.to().equals(SERVER)) {
                forged[0] = true;
                byte[] bad = d.data().clone();
                bad[bad.length - 1] ^= 1;
                network.engines.get(SERVER).receive(bad, 0, bad.length, d.from(), d.to());
            }
            return false;
        };
        network.pump();

        assertEquals(IkeSa.State.ESTABLISHED, sa.state());
        assertEquals(2, installed.size(), "a Child SA on each side");
        List<InMemoryNetwork.Datagram> auth = network.delivered.stream()
                .filter(d -> exchange(d) == ExchangeType.IKE_AUTH).toList();
        assertTrue(auth.stream().allMatch(d -> d.data().length <= LIMIT), "every fragment within " + LIMIT);
        assertTrue(auth.stream().filter(d -> d.to().equals(SERVER)).count() > 1, "the request went in fragments");
        assertTrue(auth.stream().filter(d -> d.to().equals(CLIENT)).count() > 1, "the response went in fragments");
        assertEquals(1L, serverFragments.status().get("messagesReassembled"));
        assertEquals(1L, serverFragments.status().get("fragmentsRejected"));
        assertEquals(1L, clientFragments.status().get("messagesReassembled"));
        assertEquals(1L, clientFragments.status().get("messagesFragmented"));
    }

    @Test
    @DisplayName("RFC 7383 §2.5: a message within the path's size goes out whole")
    void smallMessagesStayWhole() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        IkeSaConfig serverConfig = new IkeSaConfig(List.of(new OwnCredential(pki.server().privateKey(),
                List.of(pki.server().certificate()))), Identification.fqdn("vpn.test"), List.of(pki.ca().certificate()),
                ProposalPolicy.DEFAULT, Clock.systemUTC(), false);
        SaFragmentation fragments = SaFragmentation.standard(InstantSource.system());
        network.engines.put(SERVER, engine(serverConfig, fragments));
        StandardIkeEngine client = engine(pki.clientConfig(ProposalPolicy.DEFAULT), SaFragmentation.standard(
                InstantSource.system()));
        network.engines.put(CLIENT, client);
        IkeSa sa = client.initiate(SERVER, CLIENT);
        network.pump();
        assertEquals(IkeSa.State.ESTABLISHED, sa.state());
        assertEquals(0L, fragments.status().get("fragmentsSent"));
        assertEquals(0L, fragments.status().get("messagesReassembled"));
    }

    private static int exchange(InMemoryNetwork.Datagram d) {
        return d.data().length >= IkeHeader.SIZE ? d.data()[18] & 0xFF : -1;
    }

    private final class Plane implements Dataplane {
        @Override
        public ChildSa install(ChildSaSpec spec) {
            installed.add(spec);
            return InertChildSa.of(spec);
        }

        @Override
        public void peerMoved(String ikeSaId, InetSocketAddress peer) {
        }
    }
}
