package dev.quetzal.api.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A CIDR prefix such as {@code 10.1.0.0/16} or {@code 64:ff9b::/96}. The address must have no bits
 * set past the length, so a typo such as {@code 10.1.2.3/16} is refused rather than silently widened.
 */
public record IpPrefix(IpAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int bits = address.family().bits();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("expected a prefix length 0.." + bits + ", got " + length);
        }
        if (!address.mask(length).equals(address)) {
            throw new IllegalArgumentException("expected a prefix without host bits, got " + address + "/" + length
                    + " (did you mean " + address.mask(length) + "/" + length + "?)");
        }
    }

    /** {@code address/length}; a bare address is a host prefix (/32 or /128). */
    @JsonCreator
    public static IpPrefix parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected an IP prefix like 10.0.0.0/8, got null");
        }
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                IpAddress address = IpAddress.parse(text);
                return new IpPrefix(address, address.family().bits());
            }
            IpAddress address = IpAddress.parse(text.substring(0, slash));
            String lengthText = text.substring(slash + 1);
            if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad length");
            }
            return new IpPrefix(address, Integer.parseInt(lengthText));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("expected a prefix")) {
                throw e;
            }
            throw new IllegalArgumentException("expected an IP prefix like 10.0.0.0/8, got \"" + text + "\"");
        }
    }

    /** The prefix that holds exactly {@code address}. */
    public static IpPrefix host(IpAddress address) {
        return new IpPrefix(address, address.family().bits());
    }

    public IpFamily family() {
        return address.family();
    }

    public boolean contains(IpAddress candidate) {
        return candidate.family() == address.family() && candidate.mask(length).equals(address);
    }

    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.address);
    }

    /** The last address of the prefix. */
    public IpAddress lastAddress() {
        int hostBits = address.family().bits() - length;
        if (hostBits == 0) {
            return address;
        }
        return switch (address) {
            case Ipv4Address v4 -> new Ipv4Address(v4.bits() | (int) ((1L << hostBits) - 1));
            case Ipv6Address v6 -> hostBits >= 64
                    ? new Ipv6Address(v6.high() | (hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1), -1L)
                    : new Ipv6Address(v6.high(), v6.low() | ((1L << hostBits) - 1));
        };
    }

    public IpRange toRange() {
        return new IpRange(address, lastAddress());
    }

    @JsonValue
    @Override
    public String toString() {
        return address + "/" + length;
    }
}
