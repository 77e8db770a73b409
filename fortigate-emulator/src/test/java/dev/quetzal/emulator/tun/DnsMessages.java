package dev.quetzal.emulator.tun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-built DNS queries and a reader for the answers (RFC 1035 §4.1), for tests against dnsmasq. */
final class DnsMessages {
    static final int TYPE_A = 1;
    static final int TYPE_AAAA = 28;
    private static final int CLASS_IN = 1;

    private DnsMessages() {
    }

    /** A response: header flags (RFC 1035 §4.1.1) and the answer records' type and data. */
    record Response(int id, boolean response, boolean authoritative, int rcode, List<Answer> answers) {
    }

    record Answer(int type, byte[] data) {
    }

    /** A standard query (RD set) with one question of class IN (RFC 1035 §4.1.1, §4.1.2). */
    static byte[] query(int id, String name, int type) {
        ByteBuffer b = ByteBuffer.allocate(12 + name.length() + 2 + 4);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.put((byte) 0).putShort((short) type).putShort((short) CLASS_IN);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Parses header, skips the questions and reads the answer section. */
    static Response parse(byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message);
        int id = Short.toUnsignedInt(b.getShort());
        int flags = Short.toUnsignedInt(b.getShort());
        int questions = Short.toUnsignedInt(b.getShort());
        int answerCount = Short.toUnsignedInt(b.getShort());
        b.getShort();
        b.getShort();
        for (int i = 0; i < questions; i++) {
            skipName(b);
            b.position(b.position() + 4);
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < answerCount; i++) {
            skipName(b);
            int type = Short.toUnsignedInt(b.getShort());
            b.position(b.position() + 6);
            byte[] data = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(data);
            answers.add(new Answer(type, data));
        }
        return new Response(id, (flags & 0x8000) != 0, (flags & 0x0400) != 0, flags & 0x000f, answers);
    }

    /** Labels up to the root label, or up to a compression pointer (RFC 1035 §4.1.4). */
    private static void skipName(ByteBuffer b) {
        while (true) {
            int length = Byte.toUnsignedInt(b.get());
            if (length == 0) {
                return;
            }
            if ((length & 0xc0) == 0xc0) {
                b.get();
                return;
            }
            b.position(b.position() + length);
        }
    }
}
