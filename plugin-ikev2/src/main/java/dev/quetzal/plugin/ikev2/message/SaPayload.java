package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Security Association payload (RFC 7296 §3.3): one or more proposals, numbered from 1. */
public record SaPayload(List<Proposal> proposals) implements IkePayload {
    public SaPayload {
        proposals = List.copyOf(proposals);
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("an SA payload needs at least one proposal");
        }
    }

    public SaPayload(Proposal... proposals) {
        this(List.of(proposals));
    }

    @Override
    public int type() {
        return PayloadType.SA;
    }

    @Override
    public int bodyLength() {
        int length = 0;
        for (Proposal proposal : proposals) {
            length += proposal.encodedLength();
        }
        return length;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        for (int i = 0; i < proposals.size(); i++) {
            proposals.get(i).encode(out, i == proposals.size() - 1);
        }
    }

    static SaPayload decode(WireReader in) throws Malformed {
        List<Proposal> proposals = new ArrayList<>();
        boolean[] last = {false};
        while (in.remaining() > 0) {
            if (last[0]) {
                throw new Malformed("SA: bytes after the last proposal");
            }
            Proposal proposal = Proposal.decode(in, last);
            if (!proposals.isEmpty() && proposal.number() != proposals.getLast().number() + 1) {
                throw new Malformed("SA: proposal number " + proposal.number() + " follows "
                        + proposals.getLast().number());
            }
            proposals.add(proposal);
        }
        if (!last[0]) {
            throw new Malformed("SA: no proposal marked last");
        }
        return new SaPayload(proposals);
    }
}
