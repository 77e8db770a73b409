package dev.quetzal.plugin.ikev2.setup;

import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.fragment.FragmentSize;
import dev.quetzal.plugin.ikev2.fragment.Fragmenter;
import dev.quetzal.plugin.ikev2.fragment.Reassembler;
import dev.quetzal.plugin.ikev2.fragment.ReassemblyLimits;
import dev.quetzal.plugin.ikev2.fragment.ReassemblyResult;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.PayloadChain;
import dev.quetzal.plugin.ikev2.sa.FragmentationHook;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import java.net.Inet6Address;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 7383 for the {@link dev.quetzal.plugin.ikev2.sa} state machines: a message larger than the path's
 * {@link FragmentSize} goes out as SKF fragments (only called when the peer sent IKEV2_FRAGMENTATION_SUPPORTED),
 * and each IKE SA gets its own {@link Reassembler} on its inbound keys. The engine calls both methods under the SA's
 * lock; the map of reassemblers is keyed weakly by the SA, so a forgotten SA takes its fragments with it.
 */
public final class SaFragmentation implements FragmentationHook {
    private static final Logger LOG = LoggerFactory.getLogger(SaFragmentation.class);

    private final FragmentSize ipv4;
    private final FragmentSize ipv6;
    private final ReassemblyLimits limits;
    private final InstantSource clock;
    private final Map<IkeSa, Collector> collectors = Collections.synchronizedMap(new WeakHashMap<>());
    private final LongAdder messagesFragmented = new LongAdder();
    private final LongAdder fragmentsSent = new LongAdder();
    private final LongAdder messagesReassembled = new LongAdder();
    private final LongAdder fragmentsRejected = new LongAdder();
    /** The rejections by reason (RFC 7383 §2.6); a fragment for an SA without keys counts as "no_keys". */
    private final Map<String, LongAdder> rejectedBy = new ConcurrentHashMap<>();

    /** A reassembler bound to the cipher it was made for (a new IKE SA key set needs a new one). */
    private record Collector(IkeCipher cipher, Reassembler reassembler) {
    }

    /**
     * @param ipDatagramSize the largest IP datagram to send; the IPv4 or IPv6 header and a non-ESP marker are
     *     subtracted per peer (RFC 7383 §2.5.1)
     */
    public SaFragmentation(int ipDatagramSize, ReassemblyLimits limits, InstantSource clock) {
        this.ipv4 = FragmentSize.ipv4(ipDatagramSize, true);
        this.ipv6 = FragmentSize.ipv6(ipDatagramSize, true);
        this.limits = limits;
        this.clock = clock;
    }

    /** 1280-octet datagrams (strongSwan's default fragment size) and the default limits. */
    public static SaFragmentation standard(InstantSource clock) {
        return new SaFragmentation(FragmentSize.IPV6_MINIMUM_DATAGRAM, ReassemblyLimits.DEFAULT, clock);
    }

    /** The size that applies to the SA's current peer. */
    public FragmentSize sizeFor(IkeSa sa) {
        return sa.peer().getAddress() instanceof Inet6Address ? ipv6 : ipv4;
    }

    @Override
    public List<byte[]> fragment(IkeSa sa, IkeHeader header, List<IkePayload> inner, byte[] sealed) {
        int limit = sizeFor(sa).ikeMessageLimit();
        IkeCipher cipher = sa.outboundCipher();
        if (sealed.length <= limit || cipher == null) {
            return List.of(sealed);
        }
        byte[] plaintext = PayloadChain.encode(inner);
        List<byte[]> fragments = Fragmenter.fragment(header, PayloadChain.firstType(inner), plaintext, 0,
                plaintext.length, cipher, limit);
        messagesFragmented.increment();
        fragmentsSent.add(fragments.size());
        LOG.debug("{}: message #{} of {} octets sent as {} fragments", sa, header.messageId(), sealed.length,
                fragments.size());
        return fragments;
    }

    @Override
    public Optional<DecodeResult> reassemble(IkeSa sa, DecodeResult.Ok fragment) {
        IkeCipher cipher = sa.inboundCipher();
        if (cipher == null) {
            reject("no_keys");
            return Optional.empty();
        }
        Collector collector = collectors.compute(sa, (key, old) -> old != null && old.cipher() == cipher ? old
                : new Collector(cipher, new Reassembler(cipher, limits, clock)));
        return switch (collector.reassembler().accept(fragment)) {
            case ReassemblyResult.Complete complete -> {
                messagesReassembled.increment();
                LOG.debug("{}: {}", sa, complete);
                yield Optional.of(complete.decode());
            }
            case ReassemblyResult.Incomplete incomplete -> Optional.empty();
            case ReassemblyResult.Rejected rejected -> {
                reject(rejected.reason().name().toLowerCase(Locale.ROOT));
                LOG.debug("{}: fragment dropped, {}: {}", sa, rejected.reason(), rejected.detail());
                yield Optional.empty();
            }
        };
    }

    private void reject(String reason) {
        fragmentsRejected.increment();
        rejectedBy.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    @Override
    public boolean supported() {
        return true;
    }

    /** Counters for the status page. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messagesFragmented", messagesFragmented.sum());
        out.put("fragmentsSent", fragmentsSent.sum());
        out.put("messagesReassembled", messagesReassembled.sum());
        out.put("fragmentsRejected", fragmentsRejected.sum());
        Map<String, Long> reasons = new TreeMap<>();
        rejectedBy.forEach((reason, count) -> reasons.put(reason, count.sum()));
        out.put("fragmentsRejectedByReason", reasons);
        return out;
    }
}
