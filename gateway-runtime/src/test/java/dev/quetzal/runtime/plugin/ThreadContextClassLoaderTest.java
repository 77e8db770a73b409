package dev.quetzal.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

// Checks that ThreadContextClassLoader makes a loader current for a try-with-resources block and
// restores the previous one afterwards, also when the block throws (Trino's PluginManager idiom).
final class ThreadContextClassLoaderTest {
    @Test
    void swapsAndRestoresTheContextLoader() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
            try (var _ = new ThreadContextClassLoader(plugin)) {
                assertSame(plugin, Thread.currentThread().getContextClassLoader());
            }
            assertSame(before, Thread.currentThread().getContextClassLoader());
        }
    }

    @Test
    void restoresTheContextLoaderWhenTheBlockThrows() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
            try (var _ = new ThreadContextClassLoader(plugin)) {
                throw new IllegalStateException("plugin failed");
            } catch (IllegalStateException expected) {
                assertSame(before, Thread.currentThread().getContextClassLoader());
            }
        }
    }
}
