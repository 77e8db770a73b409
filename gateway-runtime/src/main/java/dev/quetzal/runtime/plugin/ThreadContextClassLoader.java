package dev.quetzal.runtime.plugin;

/**
 * Makes a plugin's loader the thread context class loader for a try-with-resources block, so
 * libraries inside the plugin that look up classes through the context loader (ServiceLoader,
 * JAXB, logging backends) find the plugin's own classes.
 */
public final class ThreadContextClassLoader implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader previous;

    public ThreadContextClassLoader(ClassLoader loader) {
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    /** Restores the loader that was current before; on the thread that swapped it. */
    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
