package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.DiffieHellman;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.KePayload;
import dev.quetzal.plugin.ikev2.message.NoncePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.Proposal;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import dev.quetzal.plugin.ikev2.message.Transform;
import dev.quetzal.plugin.ikev2.message.TransformType;
import dev.quetzal.plugin.ikev2.message.TsPayload;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("CREATE_CHILD_SA errors: RFC 7296 §1.3, §2.21.3 (one error notify, no state changed), §2.25 (collisions)")
class CreateChildErrorsTest {
    private static final Transform GCM_256 = Transform.withKeyLength(TransformType.ENCR, TransformType.ENCR_AES_GCM_16, 256);
    private static final Transform NO_ESN = Transform.of(TransformType.ESN, TransformType.ESN_NONE);
    private static final IpAddress INNER = IpAddress.parse("10.0.0.2");

    private final Harness h = Harness.established();
    private final IkeSa client = h.client.table().all().getFirst();
    private final IkeSa server = h.server.table().all().getFirst();

    /** Sends {@code payloads} as the client's next CREATE_CHILD_SA request and returns the server's inner answer. */
    private List<IkePayload> exchange(List<IkePayload> payloads) {
        long id = client.nextOwnRequestId++;
        IkeHeader header = client.header(ExchangeType.CREATE_CHILD_SA, false, id);
        byte[] wire = client.sk.seal(header, payloads);
        h.server.receive(wire, 0, wire.length, Harness.CLIENT, Harness.SERVER);
        InMemoryNetwork.Datagram answer = h.network.queue.pollLast();
        DecodeResult.Ok ok = (DecodeResult.Ok) IkeMessage.decode(answer.data());
        assertEquals(id, ok.message().header().messageId());
        assertTrue(ok.message().header().response());
        return ((DecodeResult.Ok) client.sk.open(ok).orElseThrow()).message().payloads();
    }

    private static Proposal esp(Transform... transforms) {
        return new Proposal(1, ProtocolId.ESP, ProposalSelector.spiOctets(0x11223344), List.of(transforms));
    }

    private static List<IkePayload> request(Proposal proposal, TrafficSelector tsi, IkePayload... extra) {
        List<IkePayload> out = new ArrayList<>(List.of(extra));
        out.add(new SaPayload(proposal));
        out.add(new NoncePayload(Octets.of(new byte[32])));
        out.add(new TsPayload(true, List.of(tsi)));
        out.add(new TsPayload(false, List.of(AddressRange.all(AuthChildSa.V4_START, AuthChildSa.V4_END))));
        return out;
    }

    private static TrafficSelector anyV4() {
        return AddressRange.all(AuthChildSa.V4_START, AuthChildSa.V4_END);
    }

    private void assertOnlyNotify(List<IkePayload> answer, int type) {
        assertEquals(1, answer.size(), answer.toString());
        assertEquals(type, ((NotifyPayload) answer.getFirst()).notifyType());
        assertEquals(1, h.serverPlane.installed.size(), "no Child SA was installed");
        assertFalse(h.serverPlane.installed.getFirst().removed);
        assertEquals(1, server.children().size());
    }

    @Test
    @DisplayName("§2.7: no acceptable ESP proposal (3DES only) gets NO_PROPOSAL_CHOSEN")
    void noProposalChosen() {
        List<IkePayload> answer = exchange(request(esp(Transform.of(TransformType.ENCR, 3), NO_ESN), anyV4()));
        assertOnlyNotify(answer, NotifyType.NO_PROPOSAL_CHOSEN);
        assertEquals(1, h.server.table().counters().get("child_refused_no_proposal_chosen"));
    }

    @Test
    @DisplayName("§1.3.1: a proposal that demands PFS without a KE payload gets NO_PROPOSAL_CHOSEN")
    void pfsWithoutKe() {
        Transform ke = Transform.of(TransformType.KE, TransformType.GROUP_ECP_256);
        assertOnlyNotify(exchange(request(esp(GCM_256, ke, NO_ESN), anyV4())), NotifyType.NO_PROPOSAL_CHOSEN);
    }

    @Test
    @DisplayName("§1.3: a KE payload of another group than the proposal's gets INVALID_KE_PAYLOAD with the group to use")
    void invalidKePayload() {
        Transform ke = Transform.of(TransformType.KE, TransformType.GROUP_ECP_256);
        DiffieHellman modp = DiffieHellman.generate(DhGroup.MODP_2048, new SecureRandom());
        List<IkePayload> answer = exchange(request(esp(GCM_256, ke, NO_ESN), anyV4(),
                new KePayload(14, Octets.of(modp.publicValue()))));
        assertOnlyNotify(answer, NotifyType.INVALID_KE_PAYLOAD);
        assertEquals(Octets.of((byte) 0, (byte) 19), ((NotifyPayload) answer.getFirst()).data());
    }

    @Test
    @DisplayName("§2.9: TSi without the client's inner address gets TS_UNACCEPTABLE")
    void tsUnacceptable() {
        TrafficSelector elsewhere = AddressRange.all(IpAddress.parse("192.0.2.0"), IpAddress.parse("192.0.2.255"));
        assertOnlyNotify(exchange(request(esp(GCM_256, NO_ESN), elsewhere)), NotifyType.TS_UNACCEPTABLE);
        // The same request with the inner address inside TSi is accepted.
        List<IkePayload> ok = exchange(request(esp(GCM_256, NO_ESN),
                new AddressRange(TrafficSelector.ANY_PROTOCOL, 0, 0xFFFF, INNER, INNER)));
        assertTrue(ok.getFirst() instanceof SaPayload, ok.toString());
        assertEquals(2, server.children().size());
    }

    @Test
    @DisplayName("§1.3.3: REKEY_SA for an SPI we do not know gets CHILD_SA_NOT_FOUND naming that SPI")
    void childSaNotFound() {
        Octets unknown = ProposalSelector.spiOctets(0x0badf00d);
        List<IkePayload> answer = exchange(request(esp(GCM_256, NO_ESN), anyV4(),
                new NotifyPayload(ProtocolId.ESP, unknown, NotifyType.REKEY_SA, Octets.EMPTY)));
        assertOnlyNotify(answer, NotifyType.CHILD_SA_NOT_FOUND);
        NotifyPayload n = (NotifyPayload) answer.getFirst();
        assertEquals(ProtocolId.ESP, n.protocolId());
        assertEquals(unknown, n.spi());
    }

    @Test
    @DisplayName("§2.25: a second rekey of a Child SA already replaced (Delete pending) gets TEMPORARY_FAILURE")
    void rekeyOfReplacedChild() {
        Octets old = ProposalSelector.spiOctets(h.clientPlane.installed.getFirst().inboundSpi());
        NotifyPayload rekey = new NotifyPayload(ProtocolId.ESP, old, NotifyType.REKEY_SA, Octets.EMPTY);
        List<IkePayload> first = exchange(request(esp(GCM_256, NO_ESN), anyV4(), rekey));
        assertTrue(first.getFirst() instanceof SaPayload, first.toString());
        List<IkePayload> second = exchange(request(esp(GCM_256, NO_ESN), anyV4(), rekey));
        assertEquals(List.of(NotifyType.TEMPORARY_FAILURE), second.stream().map(p -> ((NotifyPayload) p).notifyType())
                .toList());
        assertEquals(2, h.serverPlane.installed.size());
        assertEquals(1, h.server.table().counters().get("child_refused_temporary_failure"));
    }

    @Test
    @DisplayName("§2.25: a rekey request for an IKE SA that is being deleted gets TEMPORARY_FAILURE, nothing installed")
    void rekeyWhileDeleting() {
        assertTrue(h.server.table().delete(server));
        Octets old = ProposalSelector.spiOctets(h.clientPlane.installed.getFirst().inboundSpi());
        List<IkePayload> answer = exchange(request(esp(GCM_256, NO_ESN), anyV4(),
                new NotifyPayload(ProtocolId.ESP, old, NotifyType.REKEY_SA, Octets.EMPTY)));
        assertOnlyNotify(answer, NotifyType.TEMPORARY_FAILURE);
    }

    @Test
    @DisplayName("§2.25.2: an IKE SA rekey and a Child SA rekey cross: each end answers TEMPORARY_FAILURE")
    void ikeRekeyCollidesWithChildRekey() {
        assertTrue(h.server.table().rekeyChild(server, h.serverPlane.installed.getFirst(), DhGroup.NONE));
        assertTrue(h.client.table().rekeyIke(client));
        h.network.pump();
        assertEquals(1, h.server.table().counters().get("child_refused_temporary_failure"));
        assertEquals(1, h.client.table().counters().get("child_refused_temporary_failure"));
        assertEquals(1, h.client.table().counters().get("create_child_refused_temporary_failure"));
        assertEquals(1, h.server.table().counters().get("create_child_refused_temporary_failure"));
        assertEquals(0, h.server.table().counters().get("ike_sa_rekeyed"));
        assertEquals(List.of(server), h.server.table().all());
        assertEquals(1, h.serverPlane.installed.size());
        // Retried one after the other, both succeed.
        assertTrue(h.client.table().rekeyIke(client));
        h.network.pump();
        assertEquals(1, h.server.table().counters().get("ike_sa_rekeyed"));
    }

    @Test
    @DisplayName("§2.18: CREATE_CHILD_SA on an IKE SA that was already rekeyed gets TEMPORARY_FAILURE")
    void requestOnSupersededSa() {
        h.network.drop = d -> d.to().equals(Harness.SERVER) && IkeMessage.decode(d.data()) instanceof DecodeResult.Ok ok
                && ok.message().header().exchangeType() == ExchangeType.INFORMATIONAL;
        assertTrue(h.client.table().rekeyIke(client));
        h.network.pump();
        assertTrue(server.superseded());
        // Forget the lost Delete so the next request reuses its message ID, the one the old SA expects.
        h.network.queue.clear();
        client.outstanding = null;
        client.nextOwnRequestId--;
        List<IkePayload> answer = exchange(request(esp(GCM_256, NO_ESN), anyV4()));
        assertEquals(NotifyType.TEMPORARY_FAILURE, ((NotifyPayload) answer.getFirst()).notifyType());
        assertEquals(1, answer.size());
    }

    @Test
    @DisplayName("§1.3.2: an IKE SA rekey without KE, or with a group other than offered, is refused and changes nothing")
    void ikeRekeyErrors() {
        Proposal ike = new Proposal(1, ProtocolId.IKE, Octets.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), List.of(GCM_256,
                Transform.of(TransformType.PRF, TransformType.PRF_HMAC_SHA2_256),
                Transform.of(TransformType.KE, TransformType.GROUP_ECP_256)));
        Octets nonce = Octets.of(new byte[32]);
        List<IkePayload> noKe = exchange(List.of(new SaPayload(ike), new NoncePayload(nonce)));
        assertEquals(List.of(NotifyType.INVALID_SYNTAX), noKe.stream().map(p -> ((NotifyPayload) p).notifyType()).toList());
        DiffieHellman modp = DiffieHellman.generate(DhGroup.MODP_2048, new SecureRandom());
        List<IkePayload> wrongGroup = exchange(List.of(new SaPayload(ike), new NoncePayload(nonce),
                new KePayload(14, Octets.of(modp.publicValue()))));
        assertEquals(Octets.of((byte) 0, (byte) 19), ((NotifyPayload) wrongGroup.getFirst()).data());
        Proposal weak = new Proposal(1, ProtocolId.IKE, ike.spi(), List.of(Transform.of(TransformType.ENCR, 3),
                Transform.of(TransformType.PRF, TransformType.PRF_HMAC_SHA1),
                Transform.of(TransformType.KE, TransformType.GROUP_MODP_2048)));
        List<IkePayload> none = exchange(List.of(new SaPayload(weak), new NoncePayload(nonce),
                new KePayload(14, Octets.of(modp.publicValue()))));
        assertEquals(NotifyType.NO_PROPOSAL_CHOSEN, ((NotifyPayload) none.getFirst()).notifyType());
        assertEquals(1, h.server.table().all().size());
        assertEquals(0, h.server.table().counters().get("ike_sa_rekeyed"));
    }
}
