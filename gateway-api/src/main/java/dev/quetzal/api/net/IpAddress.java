package dev.quetzal.api.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address as a value: no host name, no scope, never a DNS lookup.
 *
 * <p>Comparable within a family; IPv4 sorts before IPv6. Binds from a JSON string literal.
 */
public sealed interface IpAddress extends Comparable<IpAddress> permits Ipv4Address, Ipv6Address {
    /** Four decimal parts; {@link #parse} needs this for IPv4. */
    java.util.regex.Pattern DOTTED_QUAD = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    IpFamily family();

    /** The address in network byte order: 4 or 16 bytes. */
    byte[] toBytes();

    InetAddress toInetAddress();

    /** Bit {@code index} counted from the most significant (0) end. */
    boolean bit(int index);

    /** This address with every bit from {@code length} on cleared. */
    IpAddress mask(int length);

    /** The address {@code delta} further on, or an exception on overflow past the family's end. */
    IpAddress plus(long delta);

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (RFC 4291 §2.2, RFC 5952 forms). Throws
     * {@link IllegalArgumentException} with "expected an IP address, got ..." otherwise.
     */
    @JsonCreator
    static IpAddress parse(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
            throw new IllegalArgumentException("expected an IP address, got " + quote(text));
        }
        // ofLiteral also takes the old shorthand "127.1"; a config file means four parts.
        if (text.indexOf(':') < 0 && !DOTTED_QUAD.matcher(text).matches()) {
            throw new IllegalArgumentException("expected an IP address, got " + quote(text));
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an IP address, got " + quote(text));
        }
        // ofLiteral maps "::ffff:a.b.c.d" to an Inet4Address; keep what the user wrote.
        if (address instanceof Inet4Address && text.indexOf(':') >= 0) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
            return Ipv6Address.of(mapped);
        }
        return of(address);
    }

    /** Like {@link #parse} but returns null for text that is not an address literal. */
    static IpAddress parseOrNull(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static IpAddress of(InetAddress address) {
        return switch (address) {
            case Inet4Address v4 -> Ipv4Address.of(v4.getAddress());
            case Inet6Address v6 -> Ipv6Address.of(v6.getAddress());
            default -> throw new IllegalArgumentException("unsupported address " + address);
        };
    }

    static IpAddress of(byte[] bytes) {
        return switch (bytes.length) {
            case 4 -> Ipv4Address.of(bytes);
            case 16 -> Ipv6Address.of(bytes);
            default -> throw new IllegalArgumentException("expected 4 or 16 address bytes, got " + bytes.length);
        };
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
