package dev.quetzal.plugin.ikev2.message;

/** Exchange types (RFC 7296 §3.1). Others are kept as their number in {@link IkeHeader#exchangeType()}. */
public final class ExchangeType {
    public static final int IKE_SA_INIT = 34;
    public static final int IKE_AUTH = 35;
    public static final int CREATE_CHILD_SA = 36;
    public static final int INFORMATIONAL = 37;

    private ExchangeType() {
    }

    public static String name(int type) {
        return switch (type) {
            case IKE_SA_INIT -> "IKE_SA_INIT";
            case IKE_AUTH -> "IKE_AUTH";
            case CREATE_CHILD_SA -> "CREATE_CHILD_SA";
            case INFORMATIONAL -> "INFORMATIONAL";
            default -> "exchange " + type;
        };
    }
}
