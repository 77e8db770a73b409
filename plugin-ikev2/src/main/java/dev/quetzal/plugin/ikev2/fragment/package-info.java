/**
 * IKE message fragmentation (RFC 7383), role-neutral. Send: {@link dev.quetzal.plugin.ikev2.fragment.Fragmenter}
 * turns an encoded inner payload chain into protected IKE messages with one SKF payload each, sized by
 * {@link dev.quetzal.plugin.ikev2.fragment.FragmentSize}. Receive: a
 * {@link dev.quetzal.plugin.ikev2.fragment.Reassembler} per IKE SA takes decoded SKF messages, verifies each, and
 * returns a sealed {@link dev.quetzal.plugin.ikev2.fragment.ReassemblyResult}; memory and time are bounded by
 * {@link dev.quetzal.plugin.ikev2.fragment.ReassemblyLimits}. Whether fragmentation may be used at all
 * (IKEV2_FRAGMENTATION_SUPPORTED in IKE_SA_INIT, RFC 7383 §2.3) is the state machine's decision.
 */
package dev.quetzal.plugin.ikev2.fragment;
