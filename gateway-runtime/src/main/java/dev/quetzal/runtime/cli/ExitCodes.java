package dev.quetzal.runtime.cli;

/** Exit statuses of the quetzal command. */
public final class ExitCodes {
    /** Done, or stopped cleanly by SIGTERM / Ctrl-C. */
    public static final int OK = 0;
    /**
     * The gateway failed at run time (a component could not start, or stop hung), or a command could
     * not read the running gateway's status.
     */
    public static final int FAILURE = 1;
    /** Bad input: command-line usage, the config file, or a plugin that cannot load. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {}
}
