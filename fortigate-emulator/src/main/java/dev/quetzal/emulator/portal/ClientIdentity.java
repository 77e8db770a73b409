package dev.quetzal.emulator.portal;

/**
 * Who the TLS layer says the client is.
 *
 * @param certificateCommonName the subject CN of a client certificate the handshake verified, or null
 */
public record ClientIdentity(String certificateCommonName) {
    public static final ClientIdentity ANONYMOUS = new ClientIdentity(null);
}
