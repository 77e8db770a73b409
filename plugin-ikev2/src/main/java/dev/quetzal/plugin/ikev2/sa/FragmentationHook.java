package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import java.util.List;
import java.util.Optional;

/**
 * Where RFC 7383 fragmentation plugs in. Send: when the peer sent IKEV2_FRAGMENTATION_SUPPORTED and a sealed
 * message is larger than the path allows, {@link #fragment} returns SKF datagrams instead. Receive: messages whose
 * last payload is SKF go to {@link #reassemble}, which returns the decrypted whole message once all fragments
 * arrived. {@link #NONE} never fragments and drops SKF (counted by the caller).
 */
public interface FragmentationHook {
    /** The datagrams to send for one protected message: {@code sealed} alone, or its fragments. */
    List<byte[]> fragment(IkeSa sa, IkeHeader header, List<IkePayload> inner, byte[] sealed);

    /** A received SKF message: the reassembled inner message when complete, else empty. */
    Optional<DecodeResult> reassemble(IkeSa sa, DecodeResult.Ok fragment);

    /** Whether this hook handles SKF at all. */
    boolean supported();

    FragmentationHook NONE = new FragmentationHook() {
        @Override
        public List<byte[]> fragment(IkeSa sa, IkeHeader header, List<IkePayload> inner, byte[] sealed) {
            return List.of(sealed);
        }

        @Override
        public Optional<DecodeResult> reassemble(IkeSa sa, DecodeResult.Ok fragment) {
            return Optional.empty();
        }

        @Override
        public boolean supported() {
            return false;
        }
    };
}
