package dev.quetzal.runtime.router;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.List;

/** A backend that keeps what it is sent, so tests can look at it. */
final class RecordingBackend implements Backend {
    final List<PacketBuffer> sent = new ArrayList<>();

    @Override
    public void send(PacketBuffer packet) {
        sent.add(packet);
    }

    @Override
    public BackendState state() {
        return new BackendState.Disconnected("test");
    }

    @Override
    public void close() {}
}
