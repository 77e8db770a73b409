package dev.quetzal.runtime.cli.pterodapter;

/** What a pterodapter command line asks for: run ikev2 mode, show the usage, or a usage error. */
public sealed interface PterodapterParse {
    /** The ikev2 mode with its options. */
    record Ikev2(PterodapterOptions options) implements PterodapterParse {}

    /** {@code help}, {@code --help} or {@code -h}. */
    record Help() implements PterodapterParse {}

    /** A command line that cannot be run; the message names the option and what was expected. */
    record UsageError(String message) implements PterodapterParse {}
}
