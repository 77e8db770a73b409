package dev.quetzal.plugin.ikev2.message;

import dev.quetzal.api.net.IpAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;

/** One traffic selector (RFC 7296 §3.13.1). Address ranges are decoded; other types are kept opaque. */
public sealed interface TrafficSelector {
    int TS_IPV4_ADDR_RANGE = 7;
    int TS_IPV6_ADDR_RANGE = 8;
    /** IP protocol ID 0: any protocol. */
    int ANY_PROTOCOL = 0;

    int tsType();

    int encodedLength();

    void encode(ByteBuffer out);

    /** For logs and status: the address range, with protocol and ports only when they narrow. */
    static String text(TrafficSelector selector) {
        return selector instanceof AddressRange r ? r.start() + "-" + r.end()
                + (r.ipProtocol() == ANY_PROTOCOL && r.startPort() == 0 && r.endPort() == 0xFFFF ? ""
                        : " proto " + r.ipProtocol() + " ports " + r.startPort() + "-" + r.endPort())
                : selector.toString();
    }

    /** {@link #text(TrafficSelector)} of each, as {@code [a, b]}. */
    static String text(List<TrafficSelector> selectors) {
        return selectors.stream().map(TrafficSelector::text).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * An address range with IP protocol and port range. A start above the end is kept as sent: RFC 7296
     * §3.13.1 uses ports 65535..0 for "OPAQUE".
     */
    record AddressRange(int ipProtocol, int startPort, int endPort, IpAddress start, IpAddress end)
            implements TrafficSelector {
        public AddressRange {
            if (ipProtocol < 0 || ipProtocol > 0xFF || startPort < 0 || startPort > 0xFFFF || endPort < 0
                    || endPort > 0xFFFF) {
                throw new IllegalArgumentException("IP protocol is an octet and ports are 0..65535");
            }
            if (start.family() != end.family()) {
                throw new IllegalArgumentException("start and end address must be of one family");
            }
        }

        /** Every address of a family, any protocol and port. */
        public static AddressRange all(IpAddress start, IpAddress end) {
            return new AddressRange(ANY_PROTOCOL, 0, 0xFFFF, start, end);
        }

        @Override
        public int tsType() {
            return start.toBytes().length == 4 ? TS_IPV4_ADDR_RANGE : TS_IPV6_ADDR_RANGE;
        }

        @Override
        public int encodedLength() {
            return 8 + 2 * start.toBytes().length;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) tsType());
            out.put((byte) ipProtocol);
            out.putShort((short) encodedLength());
            out.putShort((short) startPort);
            out.putShort((short) endPort);
            out.put(start.toBytes());
            out.put(end.toBytes());
        }
    }

    /**
     * A selector type this codec does not decode (RFC 4595 Fibre Channel, RFC 9478 security labels), kept so
     * that a responder can narrow it away (RFC 7296 §2.9) instead of failing the message.
     *
     * @param secondOctet the octet after the type (IP protocol ID in the address-range layout)
     * @param body everything after the 4-byte selector header
     */
    record Unknown(int tsType, int secondOctet, Octets body) implements TrafficSelector {
        public Unknown {
            if (tsType < 0 || tsType > 0xFF || secondOctet < 0 || secondOctet > 0xFF || body.length() > 0xFFFF - 4) {
                throw new IllegalArgumentException("TS type and second octet are octets, body fits a 16-bit length");
            }
        }

        @Override
        public int encodedLength() {
            return 4 + body.length();
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) tsType);
            out.put((byte) secondOctet);
            out.putShort((short) encodedLength());
            body.writeTo(out);
        }
    }

    static TrafficSelector decode(WireReader in) throws Malformed {
        int type = in.u8("TS type");
        int second = in.u8("IP protocol ID");
        int length = in.u16("selector length");
        if (length < 4) {
            throw new Malformed("traffic selector length " + length + " is below 4");
        }
        WireReader body = in.slice(length - 4, "selector body", "traffic selector");
        int addressSize = switch (type) {
            case TS_IPV4_ADDR_RANGE -> 4;
            case TS_IPV6_ADDR_RANGE -> 16;
            default -> 0;
        };
        if (addressSize == 0) {
            return new Unknown(type, second, body.rest());
        }
        if (length != 8 + 2 * addressSize) {
            throw new Malformed("traffic selector type " + type + " has length " + length + ", expected "
                    + (8 + 2 * addressSize));
        }
        int startPort = body.u16("start port");
        int endPort = body.u16("end port");
        IpAddress start = body.address(addressSize, "starting address");
        IpAddress end = body.address(addressSize, "ending address");
        return new AddressRange(second, startPort, endPort, start, end);
    }
}
