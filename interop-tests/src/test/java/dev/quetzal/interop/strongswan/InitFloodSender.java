package dev.quetzal.interop.strongswan;

import dev.quetzal.plugin.ikev2.corpus.Corpus;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flood of {@link InitFloodStrongSwanIT}, run in the client namespace: strongSwan's captured IKE_SA_INIT request
 * (aes256gcm16-prfsha256-ecp256) with a fresh SPIi each time, round robin from {@code SOURCES} consecutive addresses
 * starting at {@code FIRST}, at most {@code RATE} a second. It never returns a cookie (RFC 7296 §2.6), as a spoofing
 * attacker could not. Arguments: SERVER PORT COUNT FIRST SOURCES RATE.
 */
public final class InitFloodSender {
    private InitFloodSender() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        byte[] first = InetAddress.getByName(args[3]).getAddress();
        int sources = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        byte[] request = Corpus.first("IKE_SA_INIT MID=00 Initiator Request").payload().clone();
        List<DatagramSocket> sockets = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < sources; i++) {
                byte[] address = first.clone();
                address[3] += (byte) i;
                sockets.add(new DatagramSocket(new InetSocketAddress(InetAddress.getByAddress(address), 0)));
            }
            long nanosPerRequest = 1_000_000_000L / rate;
            for (int n = 0; n < count; n++) {
                ByteBuffer.wrap(request).putLong(0, 0x5100_0000_0000_0000L + n);
                sockets.get(n % sources).send(new DatagramPacket(request, request.length, server));
                long due = started + (n + 1) * nanosPerRequest;
                long early = due - System.nanoTime();
                if (early > 1_000_000L) {
                    Thread.sleep(early / 1_000_000L);
                }
            }
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
        System.out.printf(Locale.ROOT, "sent %d IKE_SA_INIT from %d sources in %.2f s%n", count, sources,
                (System.nanoTime() - started) / 1e9);
    }
}
