package dev.quetzal.runtime.cli;

/** Entry point of {@code bin/quetzal}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = QuetzalCommand.commandLine().execute(args);
        System.exit(status);
    }
}
