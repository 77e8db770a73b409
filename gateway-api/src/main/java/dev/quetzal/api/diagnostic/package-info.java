/**
 * Findings of {@code quetzal doctor}: a factory may check its own config (files, peers, ports) through
 * {@link dev.quetzal.api.ComponentFactory#diagnose} and report each result as a {@link
 * dev.quetzal.api.diagnostic.Finding}. Since API 1.4.
 */
package dev.quetzal.api.diagnostic;
