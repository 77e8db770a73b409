/**
 * Command-line commands contributed by plugins ({@code quetzal <name> ...}), offered through {@link
 * dev.quetzal.api.GatewayPlugin#commands()}. Added in API 1.1.
 */
package dev.quetzal.api.command;
