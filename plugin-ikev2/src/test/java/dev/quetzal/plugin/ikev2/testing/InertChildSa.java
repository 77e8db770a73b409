package dev.quetzal.plugin.ikev2.testing;

import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;

/** An installed Child SA that carries no traffic: never asks for a rekey, never saw a packet, removal is a no-op. */
public record InertChildSa(int inboundSpi, int outboundSpi) implements Dataplane.ChildSa {
    public static InertChildSa of(ChildSaSpec spec) {
        return new InertChildSa(spec.esp().inboundSpi(), spec.esp().outboundSpi());
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
    }
}
