package dev.quetzal.runtime.wiring;

import dev.quetzal.api.Component;
import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.plugin.ThreadContextClassLoader;
import java.util.Map;

/**
 * A created component with its spec. Every call into plugin code runs with the plugin's class
 * loader as the thread's context loader, as libraries inside the plugin expect.
 */
public record RunningComponent(ComponentSpec spec, Component component) {
    public String label() {
        return spec.kind().label() + " " + spec.name() + " (" + spec.type() + ")";
    }

    void start() throws Exception {
        try (var ignored = new ThreadContextClassLoader(spec.plugin().classLoader())) {
            component.start();
        }
    }

    void close() {
        try (var ignored = new ThreadContextClassLoader(spec.plugin().classLoader())) {
            component.close();
        }
    }

    public Map<String, Object> status() {
        try (var ignored = new ThreadContextClassLoader(spec.plugin().classLoader())) {
            return component.status();
        }
    }
}
