package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.esp.EspDecryptResult;
import dev.quetzal.plugin.ikev2.esp.EspEncryptResult;
import dev.quetzal.plugin.ikev2.esp.EspKeys;
import dev.quetzal.plugin.ikev2.esp.EspLimits;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import dev.quetzal.plugin.ikev2.esp.EspSaConfig;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fixed-key Child SAs as an engine would install them (responder side: the client 100.64.0.2 behind TSi,
 * everything behind TSr), the mirrored EspSa a test peer encrypts with, and inner packets.
 */
final class Fixtures {
    static final EspTransform GCM = EspTransform.aesGcm16(256);
    static final IpAddress CLIENT = IpAddress.parse("100.64.0.2");
    static final IpAddress CLIENT6 = IpAddress.parse("fd00::2");
    static final List<TrafficSelector> ALL = List.of(
            TrafficSelector.AddressRange.all(IpAddress.parse("0.0.0.0"), IpAddress.parse("255.255.255.255")),
            TrafficSelector.AddressRange.all(IpAddress.parse("::"),
                    IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    static final List<TrafficSelector> CLIENT_ONLY = List.of(
            TrafficSelector.AddressRange.all(CLIENT, CLIENT), TrafficSelector.AddressRange.all(CLIENT6, CLIENT6));

    private Fixtures() {}

    /** Listening settings with placeholder PEM paths (read only by the standard engine factory). */
    static Ikev2Config config(IpAddress listen, Integer ikePort, Integer natPort, Boolean singlePort) {
        return new Ikev2Config(listen, ikePort, natPort, singlePort, Path.of("server.pem"), Path.of("server-key.pem"),
                Path.of("ca.pem"), null, null);
    }

    static EspKeys keys(int seed) {
        byte[] key = new byte[GCM.encryptionKeyLength()];
        new Random(seed).nextBytes(key);
        return new EspKeys(key, new byte[0]);
    }

    /** Our SA: receives on {@code ourSpi} with keys seed {@code ourSpi}, sends to {@code peerSpi}. */
    static EspSaConfig ours(int ourSpi, int peerSpi) {
        return new EspSaConfig(ourSpi, peerSpi, GCM, keys(ourSpi), keys(peerSpi), false, EspLimits.DEFAULT);
    }

    /** The peer's mirror of {@link #ours}. */
    static EspSa peerOf(int ourSpi, int peerSpi) {
        return new EspSa(new EspSaConfig(peerSpi, ourSpi, GCM, keys(peerSpi), keys(ourSpi), false, EspLimits.DEFAULT));
    }

    static ChildSaSpec spec(String ike, int ourSpi, int peerSpi, InetSocketAddress peer, InetSocketAddress local,
            int replaces) {
        return new ChildSaSpec(ike, "client1@vpn.test", ours(ourSpi, peerSpi), peer, local, ALL, CLIENT_ONLY,
                List.of(CLIENT, CLIENT6), replaces);
    }

    /** An IPv4 UDP packet of {@code length} bytes. */
    static byte[] ipv4(String source, String destination, int sourcePort, int destinationPort, int length) {
        byte[] p = new byte[length];
        p[0] = 0x45;
        p[2] = (byte) (length >>> 8);
        p[3] = (byte) length;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(IpAddress.parse(source).toBytes(), 0, p, 12, 4);
        System.arraycopy(IpAddress.parse(destination).toBytes(), 0, p, 16, 4);
        p[20] = (byte) (sourcePort >>> 8);
        p[21] = (byte) sourcePort;
        p[22] = (byte) (destinationPort >>> 8);
        p[23] = (byte) destinationPort;
        p[24] = (byte) ((length - 20) >>> 8);
        p[25] = (byte) (length - 20);
        for (int i = 28; i < length; i++) {
            p[i] = (byte) i;
        }
        fixChecksum(p);
        return p;
    }

    static byte[] ipv4(String source, String destination) {
        return ipv4(source, destination, 40000, 53, 100);
    }

    /** An IPv6 UDP packet of {@code length} bytes. */
    static byte[] ipv6(String source, String destination, int length) {
        byte[] p = new byte[length];
        p[0] = 0x60;
        p[4] = (byte) ((length - 40) >>> 8);
        p[5] = (byte) (length - 40);
        p[6] = 17;
        p[7] = 64;
        System.arraycopy(IpAddress.parse(source).toBytes(), 0, p, 8, 16);
        System.arraycopy(IpAddress.parse(destination).toBytes(), 0, p, 24, 16);
        p[44] = (byte) ((length - 40) >>> 8);
        p[45] = (byte) (length - 40);
        return p;
    }

    private static void fixChecksum(byte[] p) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = ~sum & 0xFFFF;
        p[10] = (byte) (checksum >>> 8);
        p[11] = (byte) checksum;
    }

    /** The peer protects {@code inner}; returns the ESP packet (what goes in the UDP payload). */
    static byte[] seal(EspSa peer, byte[] inner) {
        PacketBuffer buffer = PacketBuffer.copyOf(inner, 64, 64);
        if (!(peer.encrypt(buffer) instanceof EspEncryptResult.Sealed)) {
            throw new AssertionError("peer could not encrypt");
        }
        return buffer.toByteArray();
    }

    /** The peer opens an ESP packet; returns the inner packet or throws. */
    static byte[] open(EspSa peer, byte[] esp) {
        PacketBuffer buffer = PacketBuffer.copyOf(esp, 0, 0);
        EspDecryptResult result = peer.decrypt(buffer);
        if (!(result instanceof EspDecryptResult.Ok)) {
            throw new AssertionError("peer could not decrypt: " + result);
        }
        return buffer.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
