/**
 * Config support for plugins: {@link dev.quetzal.api.config.Secret}, {@link
 * dev.quetzal.api.config.ConfigValueException} and {@link dev.quetzal.api.config.EmptyConfig}.
 *
 * <p>A plugin's config is a record. The runtime binds it with Jackson: unknown fields are errors,
 * {@code @JsonProperty(required = true)} marks required fields, {@code @JsonPropertyDescription}
 * documents a field for {@code quetzal plugins}, and the compact constructor sets defaults and checks
 * values. Fields may use {@link dev.quetzal.api.net.IpAddress}, {@link dev.quetzal.api.net.IpPrefix},
 * {@link dev.quetzal.api.net.HostPort}, {@link java.time.Duration} (ISO-8601 or {@code "30s"},
 * {@code "500ms"}, {@code "5m"}, {@code "1h"}), {@link java.nio.file.Path} (relative to the config
 * file's folder) and {@link dev.quetzal.api.config.Secret}.
 */
package dev.quetzal.api.config;
