package dev.quetzal.runtime.config;

/** A bad value found while binding, before it is tied to a file as a {@link ConfigException}. */
record Problem(String jsonPath, String text) {}
