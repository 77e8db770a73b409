package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.certs.CertificateIssuer;
import dev.quetzal.plugin.ikev2.certs.CertifiedKey;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.certs.SubjectAltName;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * client1@vpn.test connected from {@link Harness#CLIENT} and client2@vpn.test from another address; then client1
 * connects again from the same address, as after a restart, or from a third one, as a second device with the same
 * certificate. The client engine does not send INITIAL_CONTACT itself,
 * so the test adds it to the new IKE_AUTH request and seals it again with that SA's keys.
 */
@Timeout(60)
@DisplayName("INITIAL_CONTACT in IKE_AUTH (RFC 7296 §2.4)")
class InitialContactTest {
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.4", 4500);
    private static final InetSocketAddress RESTARTED = Harness.CLIENT;
    private static final InetSocketAddress SECOND_DEVICE = new InetSocketAddress("127.0.0.3", 4500);

    private final Harness h = Harness.established();
    private final IkeSa oldSa = h.server.table().all().getFirst();
    private IkeSa otherSa;

    @BeforeEach
    void connectOtherIdentity() throws Exception {
        h.serverEnv.pool.addAll(List.of(IpAddress.parse("10.0.0.4"), IpAddress.parse("10.0.0.5")));
        Harness.Pki pki = Harness.pki(KeyType.ECDSA_P256);
        CertifiedKey client2 = new CertificateIssuer(Harness.CLOCK, new SecureRandom()).issueClient(pki.ca(),
                new SubjectAltName.Email("client2@vpn.test"), KeyType.ECDSA_P256);
        IkeSaConfig config = new IkeSaConfig(List.of(new OwnCredential(client2.privateKey(),
                List.of(client2.certificate()))), Identification.rfc822("client2@vpn.test"),
                List.of(pki.ca().certificate()), ProposalPolicy.DEFAULT, Harness.CLOCK, false);
        connect(config, OTHER, false);
        otherSa = serverSa(OTHER);
    }

    /** A fresh client engine at {@code address} connects; with {@code initialContact} its IKE_AUTH carries it. */
    private void connect(IkeSaConfig config, InetSocketAddress address, boolean initialContact) {
        // A second later than the SAs before it: "older" is by creation time.
        h.advance(Harness.SECOND);
        StandardIkeEngine engine = new StandardIkeEngine(config, h.network.transport(), new Harness.FakeDataplane(),
                new Harness.FakeEnvironment(), new SecureRandom(), () -> h.now, FragmentationHook.NONE);
        h.network.engines.put(address, engine);
        List<InMemoryNetwork.Datagram> held = new ArrayList<>();
        h.network.drop = d -> initialContact && d.from().equals(address) && isAuthRequest(d) && held.add(d);
        IkeSa sa = engine.initiate(Harness.SERVER, address);
        h.network.pump();
        h.network.drop = d -> false;
        if (initialContact) {
            assertEquals(1, held.size());
            DecodeResult.Ok ok = (DecodeResult.Ok) IkeMessage.decode(held.getFirst().data());
            IkeSa server = h.server.table().find(ok.message().header().responderSpi()).orElseThrow();
            List<IkePayload> inner = new ArrayList<>(((DecodeResult.Ok) server.sk.open(ok).orElseThrow()).message()
                    .payloads());
            inner.add(NotifyPayload.of(NotifyType.INITIAL_CONTACT));
            byte[] wire = sa.sk.seal(sa.header(ExchangeType.IKE_AUTH, false, 1), inner);
            h.server.receive(wire, 0, wire.length, address, Harness.SERVER);
            h.network.pump();
        }
        assertEquals(IkeSa.State.ESTABLISHED, sa.state());
    }

    private static boolean isAuthRequest(InMemoryNetwork.Datagram d) {
        return IkeMessage.decode(d.data()) instanceof DecodeResult.Ok ok
                && ok.message().header().exchangeType() == ExchangeType.IKE_AUTH && !ok.message().header().response();
    }

    private IkeSa serverSa(InetSocketAddress peer) {
        return h.server.table().all().stream().filter(sa -> sa.peer().equals(peer) && sa.state() != IkeSa.State.CLOSED)
                .findFirst().orElseThrow();
    }

    private IkeSaConfig client1() {
        return Harness.pki(KeyType.ECDSA_P256).clientConfig(ProposalPolicy.DEFAULT, false);
    }

    @Test
    @DisplayName("§2.4: the same identity's older IKE SA goes with its Child SA and address; another identity stays")
    void removesOlderSasOfSameIdentity() {
        IpAddress oldAddress = oldSa.innerAddresses().getFirst();
        connect(client1(), RESTARTED, true);
        IkeSa newSa = serverSa(RESTARTED);
        assertEquals(IkeSa.State.CLOSED, oldSa.state());
        assertTrue(h.serverPlane.installed.getFirst().removed);
        assertEquals(List.of(oldAddress), h.serverEnv.released);
        assertEquals(1, h.server.table().counters().get("ike_sa_replaced_initial_contact"));
        assertEquals(2, h.server.table().all().size());
        assertEquals(IkeSa.State.ESTABLISHED, newSa.state());
        assertEquals("client1@vpn.test", newSa.identity());
        assertEquals(1, newSa.children().size());
        assertEquals(IkeSa.State.ESTABLISHED, otherSa.state());
        assertFalse(h.serverPlane.installed.get(1).removed);
        assertEquals(1, otherSa.children().size());
    }

    @Test
    @DisplayName("§2.4: INITIAL_CONTACT from another address is another device with the same certificate: both stay")
    void secondDeviceOfSameIdentityKeepsTheFirst() {
        connect(client1(), SECOND_DEVICE, true);
        assertEquals(3, h.server.table().all().size());
        assertEquals(IkeSa.State.ESTABLISHED, oldSa.state());
        assertEquals(IkeSa.State.ESTABLISHED, serverSa(SECOND_DEVICE).state());
        assertFalse(h.serverPlane.installed.getFirst().removed);
        assertTrue(h.serverEnv.released.isEmpty());
        assertEquals(0, h.server.table().counters().get("ike_sa_replaced_initial_contact"));
    }

    @Test
    @DisplayName("§2.4: without INITIAL_CONTACT a second IKE SA of the same identity leaves the first one alone")
    void keepsOlderSasWithoutNotify() {
        connect(client1(), RESTARTED, false);
        assertEquals(3, h.server.table().all().size());
        assertEquals(IkeSa.State.ESTABLISHED, oldSa.state());
        assertFalse(h.serverPlane.installed.getFirst().removed);
        assertTrue(h.serverEnv.released.isEmpty());
        assertEquals(0, h.server.table().counters().get("ike_sa_replaced_initial_contact"));
    }
}
