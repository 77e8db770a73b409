package dev.quetzal.plugin.ikev2.message;

/** Security protocol identifiers of proposals, notifies and deletes (RFC 7296 §3.3.1). */
public final class ProtocolId {
    /** Used in a Notify whose SPI field is empty (RFC 7296 §3.10). */
    public static final int NONE = 0;
    public static final int IKE = 1;
    public static final int AH = 2;
    public static final int ESP = 3;

    private ProtocolId() {
    }
}
