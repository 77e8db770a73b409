package dev.quetzal.fortivpn.ppp;

import static dev.quetzal.fortivpn.ppp.PppPair.CLIENT;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS1;
import static dev.quetzal.fortivpn.ppp.PppPair.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.fortivpn.ppp.OptionPolicy.Outcome;
import dev.quetzal.fortivpn.ppp.OptionPolicy.Verdict;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Option policies (RFC 1661 §6, RFC 1332 §3, RFC 1877 §1, RFC 5072 §4; fortivpn-protocol.md §6, §12)")
final class OptionPolicyTest {
    private static ConfigOption option(int type, String hex) {
        return new ConfigOption(type, Hex.bytes(hex));
    }

    @Test
    @DisplayName("RFC 1661 §6.1: the peer's MRU is accepted from 576 to 65529 and Nak'ed to the nearest bound outside")
    void lcpMruBounds() {
        LcpPolicy lcp = new LcpPolicy(0, 1, new SplittableRandom(1));
        assertEquals(new Verdict.Nak(LcpOption.mru(576)), lcp.judge(LcpOption.mru(575)));
        assertEquals(Verdict.ACCEPT, lcp.judge(LcpOption.mru(576)));
        assertEquals(Verdict.ACCEPT, lcp.judge(LcpOption.mru(65529)));
        assertEquals(new Verdict.Nak(LcpOption.mru(65529)), lcp.judge(LcpOption.mru(65530)));
        assertEquals(Verdict.REJECT, lcp.judge(option(LcpOption.MRU, "05")));
    }

    @Test
    @DisplayName("RFC 1661 §6: ACCM, PFC and ACFC accepted when well formed; auth, quality, unknown and misshapen rejected")
    void lcpOtherOptions() {
        LcpPolicy lcp = new LcpPolicy(0, 1, new SplittableRandom(1));
        assertEquals(Verdict.ACCEPT, lcp.judge(option(LcpOption.ACCM, "00 00 00 00")));
        assertEquals(Verdict.ACCEPT, lcp.judge(option(LcpOption.PROTOCOL_FIELD_COMPRESSION, "")));
        assertEquals(Verdict.ACCEPT, lcp.judge(option(LcpOption.ADDRESS_CONTROL_FIELD_COMPRESSION, "")));
        assertEquals(Verdict.REJECT, lcp.judge(option(LcpOption.ACCM, "00 00")));
        assertEquals(Verdict.REJECT, lcp.judge(option(LcpOption.PROTOCOL_FIELD_COMPRESSION, "01")));
        assertEquals(Verdict.REJECT, lcp.judge(option(LcpOption.AUTHENTICATION_PROTOCOL, "c0 23")));
        assertEquals(Verdict.REJECT, lcp.judge(option(LcpOption.QUALITY_PROTOCOL, "c0 25 00 00 0b b8")));
        assertEquals(Verdict.REJECT, lcp.judge(option(13, "06")));
        assertEquals(Verdict.REJECT, lcp.judge(option(LcpOption.MAGIC_NUMBER, "01 02")));
    }

    @Test
    @DisplayName("RFC 1661 §6.4: a zero magic, or ours, is Nak'ed with another; a Nak of ours picks a new one, a Reject drops it")
    void lcpMagic() {
        LcpPolicy lcp = new LcpPolicy(1400, 0x11111111, new SplittableRandom(1));
        assertInstanceOf(Verdict.Nak.class, lcp.judge(LcpOption.magicNumber(0)));
        Verdict.Nak nak = (Verdict.Nak) lcp.judge(LcpOption.magicNumber(0x11111111));
        assertNotEquals(0x11111111L, nak.suggestion().valueAsLong());
        assertEquals(Verdict.ACCEPT, lcp.judge(LcpOption.magicNumber(0x22222222)));
        assertEquals(Outcome.RETRY, lcp.applyNak(List.of(LcpOption.magicNumber(0x11111111))));
        assertNotEquals(0x11111111, lcp.magic());
        assertNotEquals(0, lcp.magic());
        lcp.applyReject(List.of(LcpOption.magicNumber(lcp.magic())));
        assertEquals(0, lcp.magic());
        assertEquals(List.of(LcpOption.mru(1400)), lcp.requestOptions());
        assertNotEquals(0, new LcpPolicy(0, 0, new SplittableRandom(2)).magic(), "a magic of 0 is never sent");
    }

    @Test
    @DisplayName("RFC 1661 §6.1: the settled MRUs: the peer's from its acknowledged request (1500 without), ours from the Ack")
    void lcpSettledMru() {
        LcpPolicy lcp = new LcpPolicy(1400, 1, new SplittableRandom(1));
        lcp.peerAcked(List.of(LcpOption.magicNumber(5)));
        assertEquals(1500, lcp.peerMru());
        assertEquals(5, lcp.peerMagic());
        lcp.peerAcked(List.of(LcpOption.mru(1300)));
        assertEquals(1300, lcp.peerMru());
        lcp.requestAcked(lcp.requestOptions());
        assertEquals(1400, lcp.localMru());
    }

    @Test
    @DisplayName("RFC 1877 §1: DNS is Nak'ed with the servers we have, rejected past them; NBNS and VJ rejected")
    void ipcpServerDns() {
        IpcpServerPolicy one = new IpcpServerPolicy(PppSettings.server(GATEWAY, CLIENT).dnsServers(List.of(DNS1)).build());
        assertEquals(new Verdict.Nak(IpcpOption.address(IpcpOption.PRIMARY_DNS, DNS1)),
                one.judge(IpcpOption.address(IpcpOption.PRIMARY_DNS, new Ipv4Address(0))));
        assertEquals(Verdict.ACCEPT, one.judge(IpcpOption.address(IpcpOption.PRIMARY_DNS, DNS1)));
        assertEquals(Verdict.REJECT, one.judge(IpcpOption.address(IpcpOption.SECONDARY_DNS, new Ipv4Address(0))));
        assertEquals(Verdict.REJECT, one.judge(IpcpOption.address(IpcpOption.PRIMARY_NBNS, new Ipv4Address(0))));
        assertEquals(Verdict.REJECT, one.judge(IpcpOption.address(IpcpOption.SECONDARY_NBNS, new Ipv4Address(0))));
        assertEquals(Verdict.REJECT, one.judge(option(IpcpOption.IP_COMPRESSION_PROTOCOL, "00 2d 0f 01")));
        assertEquals(Verdict.REJECT, one.judge(option(IpcpOption.IP_ADDRESS, "c6 12 00")));
        IpcpServerPolicy none = new IpcpServerPolicy(PppSettings.server(GATEWAY, CLIENT).build());
        assertEquals(Verdict.REJECT, none.judge(IpcpOption.address(IpcpOption.PRIMARY_DNS, new Ipv4Address(0))));
    }

    @Test
    @DisplayName("RFC 1332 §3.3: a server Reject of its own IP-Address stops sending it")
    void ipcpServerAddressRejected() {
        IpcpServerPolicy server = new IpcpServerPolicy(PppSettings.server(GATEWAY, CLIENT).build());
        assertEquals(List.of(IpcpOption.address(IpcpOption.IP_ADDRESS, GATEWAY)), server.requestOptions());
        server.applyReject(server.requestOptions());
        assertEquals(List.of(), server.requestOptions());
    }

    @Test
    @DisplayName("fortivpn-protocol.md §6: the client adopts Nak'ed DNS, keeps asking with them, and fails on another address")
    void ipcpClient() {
        IpcpClientPolicy client = new IpcpClientPolicy(PppSettings.client(CLIENT).requestDns(true).build());
        assertEquals(Outcome.RETRY, client.applyNak(List.of(IpcpOption.address(IpcpOption.PRIMARY_DNS, DNS1),
                IpcpOption.address(IpcpOption.IP_ADDRESS, CLIENT))));
        assertEquals(List.of(IpcpOption.address(IpcpOption.IP_ADDRESS, CLIENT),
                IpcpOption.address(IpcpOption.PRIMARY_DNS, DNS1),
                IpcpOption.address(IpcpOption.SECONDARY_DNS, new Ipv4Address(0))), client.requestOptions());
        client.requestAcked(client.requestOptions());
        assertEquals(List.of(DNS1), client.dnsServers());
        assertInstanceOf(Outcome.Fail.class, client.applyNak(List.of(IpcpOption.address(IpcpOption.IP_ADDRESS, GATEWAY))));
        assertEquals(Verdict.REJECT, client.judge(IpcpOption.address(IpcpOption.PRIMARY_DNS, DNS1)));
        assertEquals(Verdict.ACCEPT, client.judge(IpcpOption.address(IpcpOption.IP_ADDRESS, GATEWAY)));
    }

    @Test
    @DisplayName("RFC 5072 §4.1: IPv6-Compression and unknown options rejected; a Nak'ed identifier adopted unless 0")
    void ipv6cp() {
        Ipv6cpPolicy policy = new Ipv6cpPolicy(PppSettings.client(CLIENT).ipv6(true, 9, 0).build(), new SplittableRandom(3));
        assertEquals(Verdict.REJECT, policy.judge(option(Ipv6cpOption.IPV6_COMPRESSION_PROTOCOL, "00 4f")));
        assertEquals(Verdict.REJECT, policy.judge(option(Ipv6cpOption.INTERFACE_IDENTIFIER, "00 01")));
        assertEquals(Verdict.ACCEPT, policy.judge(Ipv6cpOption.interfaceIdentifier(10)));
        policy.applyNak(List.of(Ipv6cpOption.interfaceIdentifier(0x77)));
        assertEquals(0x77, policy.localId());
        policy.applyNak(List.of(Ipv6cpOption.interfaceIdentifier(0)));
        assertNotEquals(0, policy.localId());
        policy.applyReject(policy.requestOptions());
        assertEquals(List.of(), policy.requestOptions());
        assertEquals(0, policy.localId());
    }
}
