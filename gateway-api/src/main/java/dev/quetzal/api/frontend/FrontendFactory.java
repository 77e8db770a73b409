package dev.quetzal.api.frontend;

import dev.quetzal.api.ComponentFactory;

/** Creates a client-facing VPN server from its config section ({@code "frontends": [...]}). */
public interface FrontendFactory<C extends Record> extends ComponentFactory<C, FrontendContext, Frontend> {}
