package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DecryptResult;
import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.crypto.IkeSaKeys;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.Prf;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadChain;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.SkPayload;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The SK payload of one IKE SA (RFC 7296 §3.14): seals our messages with the keys of our direction and opens the
 * peer's. Owned by its IKE SA, used under its lock.
 */
final class SkProtection {
    private final IkeSuite suite;
    private final IkeSaKeys keys;
    private final IkeCipher outbound;
    private final IkeCipher inbound;
    private final Prf prf;

    SkProtection(IkeSuite suite, IkeSaKeys keys, boolean originalInitiator, SecureRandom random) {
        this.suite = suite;
        this.keys = keys;
        this.outbound = IkeCipher.create(suite, keys.outbound(originalInitiator), random);
        this.inbound = IkeCipher.create(suite, keys.inbound(originalInitiator), random);
        this.prf = Prf.of(suite.prf());
    }

    IkeSuite suite() {
        return suite;
    }

    IkeSaKeys keys() {
        return keys;
    }

    Prf prf() {
        return prf;
    }

    IkeCipher outbound() {
        return outbound;
    }

    IkeCipher inbound() {
        return inbound;
    }

    /** The wire form of a protected message: the header and {@code inner} inside SK. */
    byte[] seal(IkeHeader header, List<IkePayload> inner) {
        byte[] plaintext = PayloadChain.encode(inner);
        int bodyLength = outbound.bodyLength(plaintext.length);
        IkeMessage envelope = new IkeMessage(header,
                new SkPayload(PayloadChain.firstType(inner), Octets.of(new byte[bodyLength])));
        byte[] wire = envelope.encode();
        outbound.encrypt(wire, 0, wire.length - bodyLength, plaintext, 0, plaintext.length);
        return wire;
    }

    /**
     * Opens the SK payload of a received message; empty when the ICV fails or the padding is wrong (dropped
     * silently, RFC 7296 §2.21.1), else the inner decode result (which may be a syntax error inside SK).
     */
    Optional<DecodeResult> open(DecodeResult.Ok outer) {
        if (!(outer.message().payloads().getLast() instanceof SkPayload sk)) {
            return Optional.empty();
        }
        byte[] wire = outer.raw().toByteArray();
        int bodyOffset = wire.length - sk.body().length();
        if (inbound.decrypt(wire, 0, bodyOffset, wire.length) instanceof DecryptResult.Ok(byte[] plaintext)) {
            return Optional.of(IkeMessage.decodeInner(outer, plaintext, 0, plaintext.length));
        }
        return Optional.empty();
    }

    /** Whether a received message carries SK as its last payload (SKF goes to the fragment hook instead). */
    static boolean hasSk(IkeMessage message) {
        return !message.payloads().isEmpty() && message.payloads().getLast().type() == PayloadType.SK;
    }
}
