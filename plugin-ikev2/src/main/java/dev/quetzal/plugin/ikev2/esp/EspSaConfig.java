package dev.quetzal.plugin.ikev2.esp;

import java.util.Objects;

/**
 * Everything one Child SA's data path needs, in the local point of view so initiator and responder use it
 * alike: the SPI we chose (packets we receive carry it) with the keys for the peer's direction, and the
 * peer's SPI with the keys for ours (RFC 7296 §2.17 says which half of KEYMAT is which for each role).
 */
public record EspSaConfig(
        int inboundSpi,
        int outboundSpi,
        EspTransform transform,
        EspKeys inboundKeys,
        EspKeys outboundKeys,
        boolean esn,
        EspLimits limits) {
    public EspSaConfig {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(inboundKeys, "inboundKeys");
        Objects.requireNonNull(outboundKeys, "outboundKeys");
        Objects.requireNonNull(limits, "limits");
        checkSpi(inboundSpi, "inboundSpi");
        checkSpi(outboundSpi, "outboundSpi");
        inboundKeys.checkFor(transform);
        outboundKeys.checkFor(transform);
    }

    private static void checkSpi(int spi, String name) {
        // SPIs 0-255 are reserved (RFC 4303 §2.1); 0 would also look like the non-ESP marker (RFC 3948 §2.2).
        if (Integer.compareUnsigned(spi, 256) < 0) {
            throw new IllegalArgumentException(name + " " + spi + " is reserved (0-255)");
        }
    }
}
