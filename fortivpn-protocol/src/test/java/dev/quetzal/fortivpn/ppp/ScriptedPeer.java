package dev.quetzal.fortivpn.ppp;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays the other side of one endpoint from a script of hex frames, and records the endpoint's
 * answers byte for byte: for replaying what OpenConnect 9.01 or a FortiGate sends
 * (fortivpn-protocol.md §6, §11).
 */
final class ScriptedPeer implements PppEndpoint.Listener {
    final PppEndpoint endpoint;
    final List<String> sent = new ArrayList<>();
    final List<NetworkParameters> up = new ArrayList<>();
    final List<String> down = new ArrayList<>();
    long now = 5_000_000_000L;

    ScriptedPeer(PppSettings settings, int magic) {
        endpoint = new PppEndpoint(settings, magic, this);
    }

    /** The endpoint opens; returns what it sent. */
    List<String> open() {
        sent.clear();
        endpoint.open(now);
        return List.copyOf(sent);
    }

    /** Feeds one frame as the peer sent it; returns the endpoint's answers. */
    List<String> receive(String frameHex) {
        sent.clear();
        byte[] frame = Hex.bytes(frameHex);
        // At an offset inside a larger read, as the stream decoder hands frames out in place.
        byte[] read = new byte[frame.length + 9];
        System.arraycopy(frame, 0, read, 6, frame.length);
        endpoint.frameReceived(now);
        endpoint.receiveFrame(read, 6, frame.length, now);
        return List.copyOf(sent);
    }

    /** Advances the fake clock and ticks; returns what the endpoint sent meanwhile. */
    List<String> advance(long nanos) {
        sent.clear();
        now += nanos;
        endpoint.tick(now);
        return List.copyOf(sent);
    }

    @Override
    public void sendFrame(byte[] frame, int offset, int length) {
        sent.add(Hex.of(frame, offset, length));
    }

    @Override
    public void networkUp(NetworkParameters parameters) {
        up.add(parameters);
    }

    @Override
    public void linkDown(PppEndpoint.LinkDownReason reason, String detail) {
        down.add(reason + ": " + detail);
    }
}
