package dev.quetzal.fortivpn.ppp;

import java.util.HexFormat;

/** Hex fixtures: spaces are allowed between bytes so packets read as in the protocol notes. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    static String of(byte[] bytes, int offset, int length) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes, offset, offset + length);
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
