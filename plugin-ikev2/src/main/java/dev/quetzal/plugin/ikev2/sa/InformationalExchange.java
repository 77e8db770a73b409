package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.DeletePayload;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * INFORMATIONAL requests (RFC 7296 §1.4): empty is a liveness check answered empty; Delete of the IKE SA is answered
 * empty and ends it with its Child SAs; Delete of ESP SPIs is answered with our SPIs of the same Child SAs.
 */
final class InformationalExchange {
    /** The answer and whether the IKE SA ends once it is sent. */
    record Reply(List<IkePayload> payloads, boolean closeAfter) {
    }

    private InformationalExchange() {
    }

    static Reply respond(IkeSaTable table, IkeSa sa, IkeMessage request) {
        List<DeletePayload> deletes = request.payloadsOf(DeletePayload.class);
        if (deletes.stream().anyMatch(d -> d.protocolId() == ProtocolId.IKE)) {
            table.counters().count("ike_sa_deleted_by_peer");
            return new Reply(List.of(), true);
        }
        List<Integer> ours = new ArrayList<>();
        for (DeletePayload delete : deletes) {
            if (delete.protocolId() != ProtocolId.ESP) {
                table.counters().drop("delete_protocol_ignored", sa + ": Delete for protocol " + delete.protocolId());
                continue;
            }
            for (Octets spi : delete.spis()) {
                int peerInbound = (int) spi.toLong();
                Iterator<Dataplane.ChildSa> it = sa.children.iterator();
                boolean found = false;
                while (it.hasNext()) {
                    Dataplane.ChildSa child = it.next();
                    if (child.outboundSpi() == peerInbound) {
                        ours.add(child.inboundSpi());
                        child.remove();
                        it.remove();
                        sa.forget(child);
                        found = true;
                        table.counters().count("child_sa_deleted_by_peer");
                    }
                }
                if (!found) {
                    table.counters().drop("delete_unknown_spi", sa + ": Delete for unknown ESP SPI " + spi.toHex());
                }
            }
        }
        if (ours.isEmpty()) {
            return new Reply(List.of(), false);
        }
        return new Reply(List.of(DeletePayload.esp(ours.stream().mapToInt(Integer::intValue).toArray())), false);
    }
}
