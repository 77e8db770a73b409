/**
 * The IKEv2 wire format (RFC 7296 §3, RFC 7383 §2.5), role-neutral and for the control plane only.
 *
 * <p>Receive: {@link dev.quetzal.plugin.ikev2.message.IkeMessage#decode(byte[])} gives a sealed
 * {@link dev.quetzal.plugin.ikev2.message.DecodeResult}: {@code Ok} with the message and its raw bytes, or
 * {@code Error} with the notify to answer, whether it was found before or inside SK, and the header if readable.
 * After decrypting SK (or reassembling SKF), {@code IkeMessage.decodeInner} decodes the inner chain.
 * Send: build an {@link dev.quetzal.plugin.ikev2.message.IkeMessage} from payload records and call
 * {@code encode()}; next-payload chaining and lengths are computed. Encryption lives elsewhere: SK and SKF are
 * envelopes with opaque bodies here.
 */
package dev.quetzal.plugin.ikev2.message;
