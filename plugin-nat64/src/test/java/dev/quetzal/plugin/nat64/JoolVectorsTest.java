package dev.quetzal.plugin.nat64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.xlat.PacketOutput;
import dev.quetzal.plugin.nat64.xlat.Translation;
import dev.quetzal.plugin.nat64.xlat.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7915 §4 and §5 against Jool's graybox vectors: all 82 cases of manifest.json, each compared
 * as its {@code about} says (nat64-dns64.md "Test vectors").
 */
@DisplayName("RFC 7915: Jool graybox vectors")
final class JoolVectorsTest {
    static Stream<JoolVectors.Case> cases() throws Exception {
        List<JoolVectors.Case> cases = JoolVectors.load();
        assertEquals(82, cases.size(), "the manifest lists 82 cases");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsJoolDoes(JoolVectors.Case c) {
        List<byte[]> produced = translate(c);
        assertEquals(c.expected().size(), produced.size(), c.id() + ": number of packets");
        for (int i = 0; i < produced.size(); i++) {
            assertNull(JoolVectors.compare(c.expected().get(i), produced.get(i), c.ignoreOffsets()),
                    c.id() + ": packet " + i);
        }
    }

    /** Runs one case through a fresh translator; extra fragments come first, in order, then the packet itself. */
    static List<byte[]> translate(JoolVectors.Case c) {
        Translator translator = Nat64Setup.translator(c.profile().config(), null, () -> 0L);
        List<byte[]> produced = new ArrayList<>();
        PacketOutput output = new PacketOutput() {
            @Override
            public PacketBuffer acquire() {
                return PacketBuffer.allocate(128, 2048);
            }

            @Override
            public void emit(PacketBuffer packet) {
                produced.add(packet.toByteArray());
            }
        };
        PacketBuffer packet = PacketBuffer.copyOf(c.input(), 128, 2048);
        Translation t = translator.translate(packet, -1, output);
        if (t == Translation.TRANSLATED || t == Translation.REPLY) {
            produced.add(packet.toByteArray());
        } else {
            produced.add(new byte[0]);
            produced.add(t.toString().getBytes());
        }
        return produced;
    }
}
