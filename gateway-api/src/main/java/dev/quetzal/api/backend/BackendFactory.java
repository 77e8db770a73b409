package dev.quetzal.api.backend;

import dev.quetzal.api.ComponentFactory;

/** Creates the uplink from its config section ({@code "backend": {...}}). */
public interface BackendFactory<C extends Record> extends ComponentFactory<C, BackendContext, Backend> {}
