package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an endpoint negotiates.
 *
 * <p>Client (backend): {@code localAddress} is the XML {@code assigned-addr}, which it requests in
 * IPCP; {@code peerAddress} is null (it accepts the server's); {@code dnsServers} empty with {@code
 * requestDns} true asks for DNS 129/131 (only when the XML had none, as OpenConnect does).
 *
 * <p>Server (emulator): {@code localAddress} is the gateway address it sends in its own IPCP
 * Configure-Request; {@code peerAddress} is the client's assigned address, Nak'ed to a client that asks
 * for 0.0.0.0 or another address; {@code dnsServers} are offered by Nak when the client asks for DNS.
 *
 * @param mru MRU to request in LCP, 0 to send none; the peer's MRU is accepted from 576 up
 * @param ipv6 run IPv6CP; when false an IPv6CP Configure-Request is answered with Protocol-Reject
 * @param localInterfaceId IPv6CP interface identifier (low 64 bits of our IPv6 address), 0 for none
 * @param peerInterfaceId server only: the id Nak'ed to a client that proposes 0; 0 accepts the client's
 * @param restartInterval Configure-Request and Terminate-Request retransmission (RFC 1661 §4.6: 3 s)
 * @param maxConfigure Configure-Requests without an answer before giving up (RFC 1661: 10)
 * @param maxTerminate Terminate-Requests without an Ack before giving up (RFC 1661: 2)
 * @param echoInterval idle time with no frame received before we send an LCP Echo-Request; zero
 *     disables our echoes (we still answer the peer's)
 * @param echoFailures unanswered Echo-Requests, sent every {@code echoInterval}, before the peer is dead
 * @param answerEchoes false makes the endpoint ignore the peer's Echo-Requests (an emulator test hook)
 * @param sendAddressControl prefix our frames with {@code ff 03} (an emulator test hook; FortiGates don't)
 */
public record PppSettings(
        PppRole role,
        int mru,
        Ipv4Address localAddress,
        Ipv4Address peerAddress,
        List<Ipv4Address> dnsServers,
        boolean requestDns,
        boolean ipv6,
        long localInterfaceId,
        long peerInterfaceId,
        Duration restartInterval,
        int maxConfigure,
        int maxTerminate,
        Duration echoInterval,
        int echoFailures,
        boolean answerEchoes,
        boolean sendAddressControl) {
    public PppSettings {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(localAddress, "localAddress");
        dnsServers = List.copyOf(dnsServers);
        Objects.requireNonNull(restartInterval, "restartInterval");
        Objects.requireNonNull(echoInterval, "echoInterval");
        if (mru != 0 && (mru < 576 || mru > FortiFrame.MAX_PPP_LENGTH)) {
            throw new IllegalArgumentException("MRU outside 576.." + FortiFrame.MAX_PPP_LENGTH + ": " + mru);
        }
        if (maxConfigure < 1 || maxTerminate < 1 || echoFailures < 1) {
            throw new IllegalArgumentException("retry counts must be positive");
        }
    }

    /** Settings for the backend; see {@link Builder} for the defaults. */
    public static Builder client(Ipv4Address assignedAddress) {
        return new Builder(PppRole.CLIENT, assignedAddress);
    }

    public static Builder server(Ipv4Address gatewayAddress, Ipv4Address clientAddress) {
        return new Builder(PppRole.SERVER, gatewayAddress).peerAddress(clientAddress);
    }

    /** RFC 1661 defaults: restart 3 s, 10 Configure-Requests, 2 Terminate-Requests; echo every 10 s, dead after 3. */
    public static final class Builder {
        private final PppRole role;
        private final Ipv4Address localAddress;
        private int mru;
        private Ipv4Address peerAddress;
        private List<Ipv4Address> dnsServers = List.of();
        private boolean requestDns;
        private boolean ipv6;
        private long localInterfaceId;
        private long peerInterfaceId;
        private Duration restartInterval = Duration.ofSeconds(3);
        private int maxConfigure = 10;
        private int maxTerminate = 2;
        private Duration echoInterval = Duration.ofSeconds(10);
        private int echoFailures = 3;
        private boolean answerEchoes = true;
        private boolean sendAddressControl;

        private Builder(PppRole role, Ipv4Address localAddress) {
            this.role = role;
            this.localAddress = localAddress;
        }

        public Builder mru(int value) { this.mru = value; return this; }
        public Builder peerAddress(Ipv4Address value) { this.peerAddress = value; return this; }
        public Builder dnsServers(List<Ipv4Address> value) { this.dnsServers = value; return this; }
        public Builder requestDns(boolean value) { this.requestDns = value; return this; }
        public Builder ipv6(boolean value, long localId, long peerId) {
            this.ipv6 = value;
            this.localInterfaceId = localId;
            this.peerInterfaceId = peerId;
            return this;
        }
        public Builder restart(Duration interval, int configure, int terminate) {
            this.restartInterval = interval;
            this.maxConfigure = configure;
            this.maxTerminate = terminate;
            return this;
        }
        public Builder echo(Duration interval, int failures) {
            this.echoInterval = interval;
            this.echoFailures = failures;
            return this;
        }
        public Builder answerEchoes(boolean value) { this.answerEchoes = value; return this; }
        public Builder sendAddressControl(boolean value) { this.sendAddressControl = value; return this; }

        public PppSettings build() {
            return new PppSettings(role, mru, localAddress, peerAddress, dnsServers, requestDns, ipv6,
                    localInterfaceId, peerInterfaceId, restartInterval, maxConfigure, maxTerminate,
                    echoInterval, echoFailures, answerEchoes, sendAddressControl);
        }
    }
}
