package dev.quetzal.api.filter;

import dev.quetzal.api.ComponentFactory;

/** Creates a packet filter from its config section ({@code "filters": [...]}). */
public interface PacketFilterFactory<C extends Record> extends ComponentFactory<C, FilterContext, PacketFilter> {}
