package dev.quetzal.plugin.ikev2.message;

/**
 * Notify message types (RFC 7296 §3.10.1 and the RFCs named beside each). Types below 16384 are errors,
 * the others are status; unknown types stay plain ints.
 */
public final class NotifyType {
    // Error types (RFC 7296 §3.10.1).
    public static final int UNSUPPORTED_CRITICAL_PAYLOAD = 1;
    public static final int INVALID_IKE_SPI = 4;
    public static final int INVALID_MAJOR_VERSION = 5;
    public static final int INVALID_SYNTAX = 7;
    public static final int INVALID_MESSAGE_ID = 9;
    public static final int INVALID_SPI = 11;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int INVALID_KE_PAYLOAD = 17;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int SINGLE_PAIR_REQUIRED = 34;
    public static final int NO_ADDITIONAL_SAS = 35;
    public static final int INTERNAL_ADDRESS_FAILURE = 36;
    public static final int FAILED_CP_REQUIRED = 37;
    public static final int TS_UNACCEPTABLE = 38;
    public static final int INVALID_SELECTORS = 39;
    public static final int TEMPORARY_FAILURE = 43;
    public static final int CHILD_SA_NOT_FOUND = 44;

    /** The first status type; everything below is an error. */
    public static final int FIRST_STATUS = 16384;

    // Status types.
    public static final int INITIAL_CONTACT = 16384;
    public static final int SET_WINDOW_SIZE = 16385;
    public static final int ADDITIONAL_TS_POSSIBLE = 16386;
    public static final int IPCOMP_SUPPORTED = 16387;
    public static final int NAT_DETECTION_SOURCE_IP = 16388;
    public static final int NAT_DETECTION_DESTINATION_IP = 16389;
    public static final int COOKIE = 16390;
    public static final int USE_TRANSPORT_MODE = 16391;
    public static final int HTTP_CERT_LOOKUP_SUPPORTED = 16392;
    public static final int REKEY_SA = 16393;
    public static final int ESP_TFC_PADDING_NOT_SUPPORTED = 16394;
    public static final int NON_FIRST_FRAGMENTS_ALSO = 16395;
    /** RFC 4555 (MOBIKE). */
    public static final int MOBIKE_SUPPORTED = 16396;
    public static final int ADDITIONAL_IP4_ADDRESS = 16397;
    public static final int ADDITIONAL_IP6_ADDRESS = 16398;
    public static final int NO_ADDITIONAL_ADDRESSES = 16399;
    public static final int UPDATE_SA_ADDRESSES = 16400;
    public static final int COOKIE2 = 16401;
    public static final int NO_NATS_ALLOWED = 16402;
    /** RFC 4478. */
    public static final int AUTH_LIFETIME = 16403;
    /** RFC 4739. */
    public static final int MULTIPLE_AUTH_SUPPORTED = 16404;
    public static final int ANOTHER_AUTH_FOLLOWS = 16405;
    /** RFC 5685. */
    public static final int REDIRECT_SUPPORTED = 16406;
    public static final int REDIRECT = 16407;
    public static final int REDIRECTED_FROM = 16408;
    /** RFC 5998. */
    public static final int EAP_ONLY_AUTHENTICATION = 16417;
    /** RFC 6023. */
    public static final int CHILDLESS_IKEV2_SUPPORTED = 16418;
    /** RFC 6311. */
    public static final int IKEV2_MESSAGE_ID_SYNC_SUPPORTED = 16420;
    /** RFC 7383 §2.3. */
    public static final int IKEV2_FRAGMENTATION_SUPPORTED = 16430;
    /** RFC 7427 §4. */
    public static final int SIGNATURE_HASH_ALGORITHMS = 16431;

    private NotifyType() {
    }

    public static boolean isError(int type) {
        return type < FIRST_STATUS;
    }

    public static String name(int type) {
        return switch (type) {
            case UNSUPPORTED_CRITICAL_PAYLOAD -> "UNSUPPORTED_CRITICAL_PAYLOAD";
            case INVALID_IKE_SPI -> "INVALID_IKE_SPI";
            case INVALID_MAJOR_VERSION -> "INVALID_MAJOR_VERSION";
            case INVALID_SYNTAX -> "INVALID_SYNTAX";
            case INVALID_MESSAGE_ID -> "INVALID_MESSAGE_ID";
            case INVALID_SPI -> "INVALID_SPI";
            case NO_PROPOSAL_CHOSEN -> "NO_PROPOSAL_CHOSEN";
            case INVALID_KE_PAYLOAD -> "INVALID_KE_PAYLOAD";
            case AUTHENTICATION_FAILED -> "AUTHENTICATION_FAILED";
            case SINGLE_PAIR_REQUIRED -> "SINGLE_PAIR_REQUIRED";
            case NO_ADDITIONAL_SAS -> "NO_ADDITIONAL_SAS";
            case INTERNAL_ADDRESS_FAILURE -> "INTERNAL_ADDRESS_FAILURE";
            case FAILED_CP_REQUIRED -> "FAILED_CP_REQUIRED";
            case TS_UNACCEPTABLE -> "TS_UNACCEPTABLE";
            case INVALID_SELECTORS -> "INVALID_SELECTORS";
            case TEMPORARY_FAILURE -> "TEMPORARY_FAILURE";
            case CHILD_SA_NOT_FOUND -> "CHILD_SA_NOT_FOUND";
            case INITIAL_CONTACT -> "INITIAL_CONTACT";
            case SET_WINDOW_SIZE -> "SET_WINDOW_SIZE";
            case ADDITIONAL_TS_POSSIBLE -> "ADDITIONAL_TS_POSSIBLE";
            case IPCOMP_SUPPORTED -> "IPCOMP_SUPPORTED";
            case NAT_DETECTION_SOURCE_IP -> "NAT_DETECTION_SOURCE_IP";
            case NAT_DETECTION_DESTINATION_IP -> "NAT_DETECTION_DESTINATION_IP";
            case COOKIE -> "COOKIE";
            case USE_TRANSPORT_MODE -> "USE_TRANSPORT_MODE";
            case HTTP_CERT_LOOKUP_SUPPORTED -> "HTTP_CERT_LOOKUP_SUPPORTED";
            case REKEY_SA -> "REKEY_SA";
            case ESP_TFC_PADDING_NOT_SUPPORTED -> "ESP_TFC_PADDING_NOT_SUPPORTED";
            case NON_FIRST_FRAGMENTS_ALSO -> "NON_FIRST_FRAGMENTS_ALSO";
            case MOBIKE_SUPPORTED -> "MOBIKE_SUPPORTED";
            case ADDITIONAL_IP4_ADDRESS -> "ADDITIONAL_IP4_ADDRESS";
            case ADDITIONAL_IP6_ADDRESS -> "ADDITIONAL_IP6_ADDRESS";
            case NO_ADDITIONAL_ADDRESSES -> "NO_ADDITIONAL_ADDRESSES";
            case UPDATE_SA_ADDRESSES -> "UPDATE_SA_ADDRESSES";
            case COOKIE2 -> "COOKIE2";
            case NO_NATS_ALLOWED -> "NO_NATS_ALLOWED";
            case AUTH_LIFETIME -> "AUTH_LIFETIME";
            case MULTIPLE_AUTH_SUPPORTED -> "MULTIPLE_AUTH_SUPPORTED";
            case ANOTHER_AUTH_FOLLOWS -> "ANOTHER_AUTH_FOLLOWS";
            case REDIRECT_SUPPORTED -> "REDIRECT_SUPPORTED";
            case REDIRECT -> "REDIRECT";
            case REDIRECTED_FROM -> "REDIRECTED_FROM";
            case EAP_ONLY_AUTHENTICATION -> "EAP_ONLY_AUTHENTICATION";
            case CHILDLESS_IKEV2_SUPPORTED -> "CHILDLESS_IKEV2_SUPPORTED";
            case IKEV2_MESSAGE_ID_SYNC_SUPPORTED -> "IKEV2_MESSAGE_ID_SYNC_SUPPORTED";
            case IKEV2_FRAGMENTATION_SUPPORTED -> "IKEV2_FRAGMENTATION_SUPPORTED";
            case SIGNATURE_HASH_ALGORITHMS -> "SIGNATURE_HASH_ALGORITHMS";
            default -> (isError(type) ? "error " : "status ") + type;
        };
    }
}
