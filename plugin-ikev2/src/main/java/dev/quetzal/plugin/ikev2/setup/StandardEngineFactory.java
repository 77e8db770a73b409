package dev.quetzal.plugin.ikev2.setup;

import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.frontend.IkeEngineFactory;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the responder's {@link StandardIkeEngine} from {@link Ikev2Config}: our credential and identity, the
 * client CAs, the suites and RFC 7383 fragmentation, on the gateway's clock and random source. The PEM files are
 * read once, when the frontend is created, so a broken file stops the gateway with the field and file named.
 */
public final class StandardEngineFactory implements IkeEngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StandardEngineFactory.class);

    /** Reads and checks the files of {@code config} (what {@link #create} would do first). */
    public static IkeSaConfig saConfig(Ikev2Config config, InstantSource time) {
        OwnCredential credential = CredentialFiles.credential(config.certificate(), config.key());
        List<X509Certificate> anchors = CredentialFiles.certificates("clientCa", config.clientCa());
        Identification identity = CredentialFiles.identity(config.identity(), credential.leaf(), config.certificate());
        return new IkeSaConfig(List.of(credential), identity, anchors, SuiteNames.policy(config.suites()),
                clockOf(time), false, config.lifetimes().toSaLifetimes(), config.dos().toDosPolicy(), config.mobike());
    }

    private final IkeSaConfig sa;

    /** An engine factory for a configuration already read with {@link #saConfig}. */
    public StandardEngineFactory(IkeSaConfig sa) {
        this.sa = java.util.Objects.requireNonNull(sa, "sa");
    }

    @Override
    public IkeEngine create(Bindings bindings) {
        FrontendContext context = bindings.context();
        TimeSource time = context.time();
        InstantSource instants = time::now;
        SaFragmentation fragmentation = SaFragmentation.standard(instants);
        LOG.info("ikev2 {}: identity {}, certificate {}, {} client CA(s), suites {}", context.componentName(),
                sa.localId(), sa.credentials().getFirst(), sa.trustAnchors().size(),
                sa.policy().suites().stream().map(SuiteNames::name).toList());
        StandardIkeEngine engine = new StandardIkeEngine(sa, bindings.transport(), bindings.dataplane(),
                bindings.environment(), context.secureRandom(), time::nanoTime, fragmentation);
        DosMetrics.register(context.metrics(), engine.table());
        return new WithFragmentStatus(engine, fragmentation);
    }

    private static Clock clockOf(InstantSource time) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.instant();
            }
        };
    }

    /** The engine, with the fragmentation counters next to its own on the status page. */
    private record WithFragmentStatus(StandardIkeEngine engine, SaFragmentation fragmentation) implements IkeEngine {
        @Override
        public void receive(byte[] message, int offset, int length, java.net.InetSocketAddress peer,
                java.net.InetSocketAddress local) {
            engine.receive(message, offset, length, peer, local);
        }

        @Override
        public void tick(long nowNanos) {
            engine.tick(nowNanos);
        }

        @Override
        public void routesChanged() {
            engine.routesChanged();
        }

        @Override
        public void espPeerMoved(String ikeSaId, java.net.InetSocketAddress peer) {
            engine.espPeerMoved(ikeSaId, peer);
        }

        @Override
        public Map<String, Object> status() {
            Map<String, Object> out = new LinkedHashMap<>(engine.status());
            out.put("fragmentation", fragmentation.status());
            return out;
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
