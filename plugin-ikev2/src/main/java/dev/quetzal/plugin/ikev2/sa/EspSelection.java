package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import dev.quetzal.plugin.ikev2.message.Proposal;

/** Outcome of choosing a Child SA (ESP) proposal (RFC 7296 §2.7, §3.3). */
public sealed interface EspSelection {
    /**
     * @param peerSpi the SPI of the chosen proposal: the peer's inbound SPI, our outbound
     * @param pfsGroup the group of a PFS key exchange, {@link DhGroup#NONE} without
     * @param answer the proposal for the response, carrying {@code ourSpi}
     */
    record Chosen(EspTransform transform, boolean esn, DhGroup pfsGroup, int peerSpi, Proposal answer)
            implements EspSelection {
    }

    record InvalidKe(int group) implements EspSelection {
    }

    record NoProposal(String reason) implements EspSelection {
    }
}
