package dev.quetzal.plugin.ikev2.testing;

import dev.quetzal.plugin.ikev2.client.IkeClient;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import java.net.SocketException;

/**
 * The in-process IKEv2 client under the name component tests in other modules know it by; everything is {@link
 * IkeClient}'s. For certificates made by the tests' PKI: {@code new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))}.
 */
public final class UdpInitiator extends IkeClient {
    public UdpInitiator(IkeSaConfig config) throws SocketException {
        super(config);
    }
}
