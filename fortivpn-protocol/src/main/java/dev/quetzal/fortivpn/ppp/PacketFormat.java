package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Compact one-line descriptions of control packets for DEBUG logs, e.g.
 * {@code LCP ConfReq id=1 [MRU=1400 Magic=0xa7902a6e]}. Nothing secret travels in PPP control
 * packets (there is no authentication phase), so the whole content may be shown.
 */
final class PacketFormat {
    /** Longest text kept from a Terminate-Request (fortivpn-protocol.md §7: the server's reason). */
    static final int MAX_REASON = 200;

    private PacketFormat() {}

    static String describe(int protocol, ControlPacket packet) {
        StringBuilder text = new StringBuilder(64)
                .append(PppProtocol.name(protocol)).append(' ').append(codeName(packet.code()))
                .append(" id=").append(packet.identifier());
        switch (packet.code()) {
            case ControlPacket.CONFIGURE_REQUEST, ControlPacket.CONFIGURE_ACK, ControlPacket.CONFIGURE_NAK,
                    ControlPacket.CONFIGURE_REJECT -> appendOptions(text, protocol, packet);
            case ControlPacket.TERMINATE_REQUEST, ControlPacket.TERMINATE_ACK -> {
                if (packet.data().length > 0) {
                    text.append(" \"").append(printable(packet.data())).append('"');
                }
            }
            case ControlPacket.PROTOCOL_REJECT -> {
                if (packet.data().length >= 2) {
                    int rejected = ((packet.data()[0] & 0xFF) << 8) | (packet.data()[1] & 0xFF);
                    text.append(" of ").append(PppProtocol.name(rejected));
                }
                text.append(" (").append(packet.data().length).append(" bytes)");
            }
            default -> text.append(" (").append(packet.data().length).append(" bytes)");
        }
        return text.toString();
    }

    static String codeName(int code) {
        return switch (code) {
            case ControlPacket.CONFIGURE_REQUEST -> "ConfReq";
            case ControlPacket.CONFIGURE_ACK -> "ConfAck";
            case ControlPacket.CONFIGURE_NAK -> "ConfNak";
            case ControlPacket.CONFIGURE_REJECT -> "ConfRej";
            case ControlPacket.TERMINATE_REQUEST -> "TermReq";
            case ControlPacket.TERMINATE_ACK -> "TermAck";
            case ControlPacket.CODE_REJECT -> "CodeRej";
            case ControlPacket.PROTOCOL_REJECT -> "ProtRej";
            case ControlPacket.ECHO_REQUEST -> "EchoReq";
            case ControlPacket.ECHO_REPLY -> "EchoRep";
            case ControlPacket.DISCARD_REQUEST -> "DiscReq";
            default -> "code " + code;
        };
    }

    /**
     * Text a peer sent (a Terminate-Request's reason) made safe for logs and callers: UTF-8,
     * printable characters only, at most {@link #MAX_REASON} of them.
     */
    static String printable(byte[] data) {
        StringBuilder text = new StringBuilder(Math.min(data.length, MAX_REASON));
        new String(data, StandardCharsets.UTF_8).codePoints()
                .filter(PacketFormat::isPrintable)
                .limit(MAX_REASON)
                .forEach(text::appendCodePoint);
        return text.toString();
    }

    private static boolean isPrintable(int codePoint) {
        if (codePoint == 0xFFFD || Character.isISOControl(codePoint)) {
            return false; // U+FFFD stands for bytes that were not UTF-8
        }
        int type = Character.getType(codePoint);
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && type != Character.SURROGATE && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static void appendOptions(StringBuilder text, int protocol, ControlPacket packet) {
        List<ConfigOption> options;
        try {
            options = packet.options();
        } catch (PppException e) {
            text.append(" [malformed: ").append(e.getMessage()).append(']');
            return;
        }
        text.append(" [");
        for (int i = 0; i < options.size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            appendOption(text, protocol, options.get(i));
        }
        text.append(']');
    }

    private static void appendOption(StringBuilder text, int protocol, ConfigOption option) {
        byte[] value = option.value();
        String name = optionName(protocol, option.type());
        text.append(name != null ? name : "opt" + option.type());
        if (value.length == 0) {
            return;
        }
        text.append('=');
        if (protocol == PppProtocol.LCP && option.type() == LcpOption.MRU && value.length == 2) {
            text.append(option.valueAsLong());
        } else if (protocol == PppProtocol.IPCP && name != null && value.length == 4
                && option.type() != IpcpOption.IP_COMPRESSION_PROTOCOL) {
            text.append(new Ipv4Address((int) option.valueAsLong()));
        } else {
            text.append("0x").append(HexFormat.of().formatHex(value));
        }
    }

    private static String optionName(int protocol, int type) {
        return switch (protocol) {
            case PppProtocol.LCP -> switch (type) {
                case LcpOption.MRU -> "MRU";
                case LcpOption.ACCM -> "ACCM";
                case LcpOption.AUTHENTICATION_PROTOCOL -> "Auth";
                case LcpOption.QUALITY_PROTOCOL -> "Quality";
                case LcpOption.MAGIC_NUMBER -> "Magic";
                case LcpOption.PROTOCOL_FIELD_COMPRESSION -> "PFC";
                case LcpOption.ADDRESS_CONTROL_FIELD_COMPRESSION -> "ACFC";
                default -> null;
            };
            case PppProtocol.IPCP -> switch (type) {
                case IpcpOption.IP_COMPRESSION_PROTOCOL -> "IPComp";
                case IpcpOption.IP_ADDRESS -> "Addr";
                case IpcpOption.PRIMARY_DNS -> "DNS1";
                case IpcpOption.PRIMARY_NBNS -> "NBNS1";
                case IpcpOption.SECONDARY_DNS -> "DNS2";
                case IpcpOption.SECONDARY_NBNS -> "NBNS2";
                default -> null;
            };
            case PppProtocol.IPV6CP -> switch (type) {
                case Ipv6cpOption.INTERFACE_IDENTIFIER -> "IfId";
                case Ipv6cpOption.IPV6_COMPRESSION_PROTOCOL -> "IPv6Comp";
                default -> null;
            };
            default -> null;
        };
    }
}
