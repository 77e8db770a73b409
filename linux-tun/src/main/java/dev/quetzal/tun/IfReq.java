package dev.quetzal.tun;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * struct ifreq from linux/if.h as TUNSETIFF reads and writes it: the interface name, then a union
 * of which only {@code ifr_flags} is used. The union is as large as its largest member on 64-bit
 * Linux, struct ifmap (24 bytes), so the kernel never reads past the segment.
 */
final class IfReq {
    /** Name buffer size, terminating NUL included (linux/if.h). */
    static final int IFNAMSIZ = 16;
    /** linux/if_tun.h: a layer-3 device... */
    static final short IFF_TUN = 0x0001;
    /** ...whose reads and writes carry no 4-byte packet information header. */
    static final short IFF_NO_PI = 0x1000;

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(IFNAMSIZ, JAVA_BYTE).withName("ifr_name"),
            MemoryLayout.unionLayout(
                    JAVA_SHORT.withName("ifr_flags"),
                    MemoryLayout.sequenceLayout(24, JAVA_BYTE).withName("ifru_map"))
                    .withName("ifr_ifru"));

    private static final long NAME_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("ifr_name"));
    private static final VarHandle FLAGS = LAYOUT.varHandle(
            MemoryLayout.PathElement.groupElement("ifr_ifru"), MemoryLayout.PathElement.groupElement("ifr_flags"));

    private IfReq() {
    }

    /**
     * Checks a name as the kernel's dev_valid_name() and dev_alloc_name() would, so a bad name is
     * an IllegalArgumentException saying why rather than a bare EINVAL: 1 to 15 printable ASCII
     * characters, none of them '/' or ':', not "." or "..", and at most one '%', as the "%d" the
     * kernel replaces with the first free number.
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("TUN device name must have 1 to " + (IFNAMSIZ - 1)
                    + " characters: " + quote(name));
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("TUN device name cannot be " + quote(name));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~' || c == '/' || c == ':') {
                throw new IllegalArgumentException("TUN device name " + quote(name)
                        + " has a character the kernel refuses at index " + i + " (space, '/', ':' or not printable ASCII)");
            }
        }
        int percent = name.indexOf('%');
        if (percent >= 0 && (!name.startsWith("%d", percent) || name.indexOf('%', percent + 1) >= 0)) {
            throw new IllegalArgumentException("TUN device name " + quote(name)
                    + " may hold one '%' only, as the \"%d\" the kernel numbers");
        }
        return name;
    }

    static void write(MemorySegment ifreq, String name, short flags) {
        ifreq.fill((byte) 0);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, ifreq, JAVA_BYTE, NAME_OFFSET, bytes.length);
        FLAGS.set(ifreq, 0L, flags);
    }

    /** The name the kernel wrote back (its choice for a "%d" template). */
    static String name(MemorySegment ifreq) {
        return ifreq.asSlice(NAME_OFFSET, IFNAMSIZ).getString(0, StandardCharsets.US_ASCII);
    }

    static short flags(MemorySegment ifreq) {
        return (short) FLAGS.get(ifreq, 0L);
    }

    private static String quote(String name) {
        return name == null ? "null" : "\"" + name + "\"";
    }
}
