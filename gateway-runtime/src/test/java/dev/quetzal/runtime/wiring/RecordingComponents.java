package dev.quetzal.runtime.wiring;

import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.config.EmptyConfig;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Frontend, backend and filter factories that write every lifecycle call into one journal, with
 * switches to fail in {@code create} or {@code start}, or to hang in {@code close}.
 */
final class RecordingComponents {
    final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    final Set<String> failCreate = new java.util.HashSet<>();
    final Set<String> failStart = new java.util.HashSet<>();
    final Set<String> hangClose = new java.util.HashSet<>();
    final List<PacketBuffer> sentByBackend = new CopyOnWriteArrayList<>();
    final CountDownLatch releaseHang = new CountDownLatch(1);
    volatile FrontendContext frontendContext;
    volatile BackendContext backendContext;
    volatile FilterContext filterContext;
    volatile Consumer<PacketBuffer> filterObserver = packet -> {};
    /** What the backend says of itself (a FortiGate-like uplink that drops foreign sources, or not). */
    volatile boolean backendAcceptsOnlyAssignedAddresses;

    private abstract class Recorded {
        final String name;

        Recorded(String name) {
            this.name = name;
            journal.add("create " + name);
        }

        public void start() {
            journal.add("start " + name);
            if (failStart.contains(name)) {
                throw new IllegalStateException(name + " refuses to start");
            }
        }

        public void close() {
            journal.add("close " + name);
            if (hangClose.contains(name)) {
                try {
                    releaseHang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final class RecordedFrontend extends Recorded implements Frontend {
        RecordedFrontend(String name) {
            super(name);
        }

        @Override
        public List<? extends ClientSession> sessions() {
            return List.of();
        }
    }

    private final class RecordedBackend extends Recorded implements Backend {
        RecordedBackend(String name) {
            super(name);
        }

        @Override
        public void send(PacketBuffer packet) {
            sentByBackend.add(packet);
        }

        @Override
        public BackendState state() {
            return new BackendState.Disconnected("test");
        }

        @Override
        public boolean acceptsOnlyAssignedAddresses() {
            return backendAcceptsOnlyAssignedAddresses;
        }
    }

    private final class RecordedFilter extends Recorded implements PacketFilter {
        RecordedFilter(String name) {
            super(name);
        }

        @Override
        public Verdict outbound(PacketBuffer packet, ClientSession client) {
            filterObserver.accept(packet);
            return Verdict.PASS;
        }

        @Override
        public Verdict inbound(PacketBuffer packet) {
            filterObserver.accept(packet);
            return Verdict.PASS;
        }

        @Override
        public void close() {
            super.close();
        }
    }

    private void maybeFail(String name) {
        if (failCreate.contains(name)) {
            throw new IllegalArgumentException(name + " cannot be created");
        }
    }

    ComponentSpec frontend(String name) {
        return spec(ComponentKind.FRONTEND, name, new FrontendFactory<EmptyConfig>() {
            @Override
            public String type() {
                return "recording-frontend";
            }

            @Override
            public Class<EmptyConfig> configType() {
                return EmptyConfig.class;
            }

            @Override
            public Frontend create(EmptyConfig config, FrontendContext context) {
                maybeFail(name);
                frontendContext = context;
                return new RecordedFrontend(name);
            }
        });
    }

    ComponentSpec backend(String name) {
        return spec(ComponentKind.BACKEND, name, new BackendFactory<EmptyConfig>() {
            @Override
            public String type() {
                return "recording-backend";
            }

            @Override
            public Class<EmptyConfig> configType() {
                return EmptyConfig.class;
            }

            @Override
            public Backend create(EmptyConfig config, BackendContext context) {
                maybeFail(name);
                backendContext = context;
                return new RecordedBackend(name);
            }
        });
    }

    ComponentSpec filter(String name) {
        return spec(ComponentKind.FILTER, name, new PacketFilterFactory<EmptyConfig>() {
            @Override
            public String type() {
                return "recording-filter";
            }

            @Override
            public Class<EmptyConfig> configType() {
                return EmptyConfig.class;
            }

            @Override
            public PacketFilter create(EmptyConfig config, FilterContext context) {
                maybeFail(name);
                filterContext = context;
                return new RecordedFilter(name);
            }
        });
    }

    private static ComponentSpec spec(ComponentKind kind, String name, ComponentFactory<?, ?, ?> factory) {
        ClassLoader loader = RecordingComponents.class.getClassLoader();
        PluginRegistry.Entry entry = new PluginRegistry.Entry(factory, "recording", "test class path", loader);
        return new ComponentSpec(kind, name, factory.type(), "$." + kind.configField(), entry, new EmptyConfig());
    }
}
