package dev.quetzal.plugin.ikev2.message;

import dev.quetzal.api.net.IpAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A configuration attribute of the CP payload (RFC 7296 §3.15.1). An empty value asks for the attribute
 * (CFG_REQUEST); unknown types are kept.
 */
public record ConfigAttribute(int attributeType, Octets value) {
    public static final int INTERNAL_IP4_ADDRESS = 1;
    public static final int INTERNAL_IP4_NETMASK = 2;
    public static final int INTERNAL_IP4_DNS = 3;
    public static final int INTERNAL_IP4_NBNS = 4;
    public static final int INTERNAL_IP4_DHCP = 6;
    public static final int APPLICATION_VERSION = 7;
    public static final int INTERNAL_IP6_ADDRESS = 8;
    public static final int INTERNAL_IP6_DNS = 10;
    public static final int INTERNAL_IP6_DHCP = 12;
    public static final int INTERNAL_IP4_SUBNET = 13;
    public static final int SUPPORTED_ATTRIBUTES = 14;
    public static final int INTERNAL_IP6_SUBNET = 15;
    /** RFC 8598 §3.1 (split DNS). */
    public static final int INTERNAL_DNS_DOMAIN = 25;

    public ConfigAttribute {
        if (attributeType < 0 || attributeType > 0x7FFF || value.length() > 0xFFFF) {
            throw new IllegalArgumentException("attribute type 0..32767 with at most 65535 bytes");
        }
    }

    /** An empty attribute: a request for a value of this type. */
    public static ConfigAttribute request(int attributeType) {
        return new ConfigAttribute(attributeType, Octets.EMPTY);
    }

    /** An address attribute (IPv4 address, netmask, DNS; IPv6 DNS). */
    public static ConfigAttribute address(int attributeType, IpAddress address) {
        return new ConfigAttribute(attributeType, Octets.wrap(address.toBytes()));
    }

    /** INTERNAL_IP6_ADDRESS: 16 address bytes and the prefix length (RFC 7296 §3.15.1). */
    public static ConfigAttribute ip6Address(IpAddress address, int prefixLength) {
        byte[] value = Arrays.copyOf(address.toBytes(), 17);
        value[16] = (byte) prefixLength;
        return new ConfigAttribute(INTERNAL_IP6_ADDRESS, Octets.wrap(value));
    }

    /** INTERNAL_DNS_DOMAIN: a domain name in ASCII, no trailing dot (RFC 8598 §3.1). */
    public static ConfigAttribute dnsDomain(String domain) {
        return new ConfigAttribute(INTERNAL_DNS_DOMAIN, Octets.wrap(domain.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The address in the first 4 or 16 bytes of an address-valued attribute, if it has one. */
    public Optional<IpAddress> address() {
        int size = switch (attributeType) {
            case INTERNAL_IP4_ADDRESS, INTERNAL_IP4_NETMASK, INTERNAL_IP4_DNS, INTERNAL_IP4_NBNS, INTERNAL_IP4_DHCP,
                    INTERNAL_IP4_SUBNET -> 4;
            case INTERNAL_IP6_ADDRESS, INTERNAL_IP6_DNS, INTERNAL_IP6_DHCP, INTERNAL_IP6_SUBNET -> 16;
            default -> 0;
        };
        if (size == 0 || value.length() < size) {
            return Optional.empty();
        }
        return Optional.of(IpAddress.of(Arrays.copyOf(value.toByteArray(), size)));
    }

    int encodedLength() {
        return 4 + value.length();
    }

    void encode(ByteBuffer out) {
        out.putShort((short) attributeType);
        out.putShort((short) value.length());
        value.writeTo(out);
    }

    static ConfigAttribute decode(WireReader in) throws Malformed {
        // The top bit is reserved and ignored on receipt (RFC 7296 §3.15.1).
        int type = in.u16("attribute type") & 0x7FFF;
        int length = in.u16("attribute length");
        Octets value = in.octets(length, "attribute value");
        int fixed = switch (type) {
            case INTERNAL_IP4_ADDRESS, INTERNAL_IP4_NETMASK, INTERNAL_IP4_DNS, INTERNAL_IP4_NBNS, INTERNAL_IP4_DHCP -> 4;
            case INTERNAL_IP4_SUBNET -> 8;
            case INTERNAL_IP6_ADDRESS, INTERNAL_IP6_SUBNET -> 17;
            case INTERNAL_IP6_DNS, INTERNAL_IP6_DHCP -> 16;
            default -> -1;
        };
        if (fixed >= 0 && length != 0 && length != fixed) {
            throw new Malformed("configuration attribute " + type + " has " + length + " bytes, expected 0 or " + fixed);
        }
        return new ConfigAttribute(type, value);
    }
}
