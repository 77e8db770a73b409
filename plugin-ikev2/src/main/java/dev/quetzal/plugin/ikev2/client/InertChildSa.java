package dev.quetzal.plugin.ikev2.client;

import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;

/**
 * An installed Child SA that the engine cannot see traffic on: it never asks for a rekey and never saw a packet.
 * Removal runs {@code onRemove} (the owner's own bookkeeping), or nothing. The {@link IkeClient}'s Child SAs are these:
 * the gateway rekeys them, the client never does.
 */
public record InertChildSa(int inboundSpi, int outboundSpi, Runnable onRemove) implements Dataplane.ChildSa {
    public static InertChildSa of(ChildSaSpec spec) {
        return of(spec, () -> { });
    }

    public static InertChildSa of(ChildSaSpec spec, Runnable onRemove) {
        return new InertChildSa(spec.esp().inboundSpi(), spec.esp().outboundSpi(), onRemove);
    }

    @Override
    public boolean rekeyNeeded() {
        return false;
    }

    @Override
    public long lastInboundNanos() {
        return 0;
    }

    @Override
    public void remove() {
        onRemove.run();
    }
}
