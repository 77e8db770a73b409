package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * NAT detection (RFC 7296 §2.23): SHA-1(SPIi | SPIr | IP | port). We always announce a source hash over an address
 * that is not ours, so the peer believes we are behind a NAT and encapsulates ESP in UDP: the userspace data plane
 * has no raw ESP socket (strongswan.md §2; strongSwan and pterodapter fake it the same way).
 */
public final class NatDetection {
    /** The address hashed in our NAT_DETECTION_SOURCE_IP: the unspecified IPv6 address, port 0, never a real source. */
    static final InetSocketAddress FAKE_SOURCE = new InetSocketAddress("::", 0);

    private NatDetection() {
    }

    public static Octets hash(long spiI, long spiR, InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        ByteBuffer data = ByteBuffer.allocate(16 + ip.length + 2);
        data.putLong(spiI).putLong(spiR).put(ip).putShort((short) address.getPort());
        try {
            return Octets.of(MessageDigest.getInstance("SHA-1").digest(data.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** Our two notifies: a faked source, and the peer's real address as the destination. */
    public static List<NotifyPayload> announce(long spiI, long spiR, InetSocketAddress peer) {
        return List.of(
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, hash(spiI, spiR, FAKE_SOURCE)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, hash(spiI, spiR, peer)));
    }

    /** True when no NAT_DETECTION_SOURCE_IP of the peer matches the address its message came from. */
    public static boolean peerBehindNat(long spiI, long spiR, List<NotifyPayload> peerSources, InetSocketAddress peer) {
        Octets expected = hash(spiI, spiR, peer);
        return peerSources.stream().noneMatch(n -> n.data().equals(expected));
    }

    /**
     * Whether {@code message} shows a NAT in front of its sender: it carries NAT_DETECTION_SOURCE_IP and none matches
     * {@code source}, where it came from. Without the notifies nothing is detected (the peer does no NAT-T).
     */
    static boolean natInFront(IkeMessage message, long spiI, long spiR, InetSocketAddress source) {
        List<NotifyPayload> sources = message.payloadsOf(NotifyPayload.class).stream()
                .filter(n -> n.notifyType() == NotifyType.NAT_DETECTION_SOURCE_IP).toList();
        return !sources.isEmpty() && peerBehindNat(spiI, spiR, sources, source);
    }
}
