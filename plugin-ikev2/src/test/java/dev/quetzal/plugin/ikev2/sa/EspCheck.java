package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.esp.EspDecryptResult;
import dev.quetzal.plugin.ikev2.esp.EspEncryptResult;
import dev.quetzal.plugin.ikev2.esp.EspSa;

/** Proves two ends of a Child SA derived the same KEYMAT (RFC 7296 §2.17): a packet sealed by one opens at the other. */
final class EspCheck {
    private EspCheck() {
    }

    static boolean carries(ChildSaSpec sender, ChildSaSpec receiver) {
        EspSa out = new EspSa(sender.esp());
        EspSa in = new EspSa(receiver.esp());
        byte[] packet = new byte[40];
        packet[0] = 0x45;
        packet[3] = 40;
        packet[8] = 64;
        packet[9] = 17;
        System.arraycopy(new byte[] {10, 0, 0, 2, (byte) 198, 18, 0, 1}, 0, packet, 12, 8);
        PacketBuffer b = PacketBuffer.copyOf(packet, out.headroomNeeded(), out.tailroomNeeded());
        if (!(out.encrypt(b) instanceof EspEncryptResult.Sealed)) {
            return false;
        }
        return in.decrypt(b) instanceof EspDecryptResult.Ok;
    }
}
