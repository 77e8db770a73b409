package dev.quetzal.plugin.ikev2.esp;

/** Test access to {@link EspFixtures#craft} for the data plane's tests in other packages. */
public final class CraftedEsp {
    private CraftedEsp() {
    }

    /**
     * An ESP packet (SPI onwards) whose decrypted text is exactly {@code text}: inner packet, padding, Pad Length
     * and Next Header as the caller wants them (RFC 4303 §2.4-2.6).
     */
    public static byte[] craft(EspTransform transform, EspKeys keys, int spi, long sequence, byte[] text) {
        return EspFixtures.craft(transform, keys, spi, sequence, false, text);
    }
}
