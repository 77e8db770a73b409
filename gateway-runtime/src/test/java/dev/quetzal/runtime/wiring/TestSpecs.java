package dev.quetzal.runtime.wiring;

import dev.quetzal.runtime.config.ComponentSpec;

/** Component specs of do-nothing recording components, for tests in other packages. */
public final class TestSpecs {
    private TestSpecs() {}

    public static ComponentSpec frontend(String name) {
        return new RecordingComponents().frontend(name);
    }

    public static ComponentSpec backend(String name) {
        return new RecordingComponents().backend(name);
    }

    public static ComponentSpec filter(String name) {
        return new RecordingComponents().filter(name);
    }
}
