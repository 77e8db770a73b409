package dev.quetzal.api.config;

/** The config record of a component that takes no settings. */
public record EmptyConfig() {}
