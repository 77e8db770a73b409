package dev.quetzal.runtime.cli;

/** Entry point of {@code bin/quetzal}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Quetzal uses no Guice AOP; without class generation Guice never touches sun.misc.Unsafe.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        int status = QuetzalCommand.execute(args, PluginCommandContext.ofSystem());
        System.exit(status);
    }
}
