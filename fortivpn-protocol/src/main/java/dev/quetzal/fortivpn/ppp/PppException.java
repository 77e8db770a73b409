package dev.quetzal.fortivpn.ppp;

/** A malformed PPP control packet (bad length, truncated option). The packet is dropped and counted. */
public final class PppException extends Exception {
    public PppException(String message) {
        super(message);
    }
}
