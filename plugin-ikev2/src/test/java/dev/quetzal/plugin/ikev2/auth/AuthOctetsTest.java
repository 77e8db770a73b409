package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The signed octets of AUTH (RFC 7296 §2.15) and the ID payload body they take prf over (RFC 7296 §3.5). */
final class AuthOctetsTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.5: IDx' is the ID type, three reserved zero octets and the data")
    void idPayloadBody() {
        Identification id = Identification.fqdn("vpn.test");
        assertEquals("02000000" + HEX.formatHex("vpn.test".getBytes()), HEX.formatHex(id.body()));
        assertEquals(id, Identification.fromBody(HEX.parseHex("02ffffff" + HEX.formatHex("vpn.test".getBytes()))));
        assertThrows(IllegalArgumentException.class, () -> Identification.fromBody(new byte[3]));
        Identification ipv4 = new Identification(Identification.ID_IPV4_ADDR, new byte[] {(byte) 198, 18, 0, 1});
        assertEquals("01000000c6120001", HEX.formatHex(ipv4.body()));
        assertEquals("ID(3, client1@vpn.test)", Identification.rfc822("client1@vpn.test").toString());
    }

    @Test
    @DisplayName("RFC 7296 §2.15: octets = first message | peer nonce | prf(SK_p, IDx')")
    void octetLayout() {
        byte[] message = HEX.parseHex("0102030405060708");
        byte[] nonce = HEX.parseHex("a1a2a3a4");
        byte[] skP = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        Identification id = Identification.rfc822("client1@vpn.test");
        byte[] octets = AuthOctets.compute(message, nonce, AuthOctetsTest::hmacSha256, skP, id);

        // The prf input is spelled out by hand: type 3, reserved 000000, then the ASCII address.
        byte[] expectedMac = hmacSha256(skP, HEX.parseHex("03000000" + HEX.formatHex("client1@vpn.test".getBytes())));
        assertEquals(8 + 4 + 32, octets.length);
        assertEquals("0102030405060708a1a2a3a4" + HEX.formatHex(expectedMac), HEX.formatHex(octets));
    }

    @Test
    @DisplayName("RFC 7296 §2.15: the prf receives SK_p as key and does not see later changes to the caller's arrays")
    void prfGetsKeyAndBody() {
        byte[][] seen = new byte[2][];
        byte[] skP = {1, 2, 3};
        byte[] result = AuthOctets.compute(new byte[0], new byte[0], (k, d) -> {
            seen[0] = k;
            seen[1] = d;
            return new byte[] {42};
        }, skP, Identification.fqdn("a"));
        assertArrayEquals(new byte[] {1, 2, 3}, seen[0]);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 'a'}, seen[1]);
        assertArrayEquals(new byte[] {42}, result);
    }
}
