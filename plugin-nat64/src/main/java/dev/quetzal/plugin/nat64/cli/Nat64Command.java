package dev.quetzal.plugin.nat64.cli;

import dev.quetzal.api.command.CommandContext;
import dev.quetzal.api.command.PluginCommand;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.Nat64Setup;
import dev.quetzal.plugin.nat64.xlat.PacketOutput;
import dev.quetzal.plugin.nat64.xlat.Translation;
import dev.quetzal.plugin.nat64.xlat.Translator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code quetzal nat64 translate}: runs the RFC 7915 translator over a pcap file, for debugging and
 * for checking it against other translators' vectors. Exit status 0 done, 1 I/O failure, 2 bad
 * arguments or a file that is not a raw-IP pcap.
 */
public final class Nat64Command implements PluginCommand {
    static final int BAD_INPUT = 2;
    /** Room around each packet: 4→6 grows the header, ICMP errors grow into the tail. */
    private static final int HEADROOM = 128;
    private static final int TAILROOM = 256;
    private static final int FRAGMENT_CAPACITY = 65536 + 128;

    @Override
    public String name() {
        return "nat64";
    }

    @Override
    public String summary() {
        return "Translate a raw-IP pcap with the NAT64 translator (RFC 7915): nat64 translate IN.pcap OUT.pcap";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws IOException {
        PrintWriter err = context.err();
        if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("-h")) {
            context.out().print(TranslateArguments.USAGE);
            return args.isEmpty() ? BAD_INPUT : 0;
        }
        if (!args.getFirst().equals("translate")) {
            err.println("nat64: unknown subcommand \"" + args.getFirst() + "\" (expected translate; see quetzal nat64 --help)");
            return BAD_INPUT;
        }
        return switch (TranslateArguments.parse(args.subList(1, args.size()), context.workingDirectory())) {
            case TranslateArguments.Help help -> {
                context.out().print(TranslateArguments.USAGE);
                yield 0;
            }
            case TranslateArguments.Invalid invalid -> {
                err.println("nat64 translate: " + invalid.message() + " (see quetzal nat64 translate --help)");
                yield BAD_INPUT;
            }
            case TranslateArguments.Run run -> translate(run, context);
        };
    }

    private int translate(TranslateArguments.Run run, CommandContext context) throws IOException {
        PrintWriter err = context.err();
        Pcap.File input;
        try (InputStream in = Files.newInputStream(run.in())) {
            input = Pcap.read(new java.io.BufferedInputStream(in));
        } catch (NoSuchFileException e) {
            err.println("nat64 translate: " + run.in() + ": no such file");
            return BAD_INPUT;
        } catch (Pcap.FormatException e) {
            err.println("nat64 translate: " + run.in() + ": " + e.getMessage());
            return BAD_INPUT;
        }
        Translator translator = Nat64Setup.translator(run.config(), null, System::nanoTime);
        List<PacketBuffer> extra = new ArrayList<>();
        PacketOutput output = new PacketOutput() {
            @Override
            public PacketBuffer acquire() {
                return PacketBuffer.allocate(HEADROOM, FRAGMENT_CAPACITY);
            }

            @Override
            public void emit(PacketBuffer packet) {
                extra.add(packet);
            }
        };
        int written = 0;
        int dropped = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run.out()))) {
            Pcap.writeHeader(out, input.nanos());
            int index = 0;
            for (Pcap.Record record : input.records()) {
                index++;
                extra.clear();
                PacketBuffer packet = PacketBuffer.copyOf(record.data(), HEADROOM, TAILROOM);
                Translation result = translator.translate(packet, -1, output);
                for (PacketBuffer piece : extra) {
                    write(out, record, piece);
                    written++;
                }
                switch (result) {
                    case Translation.Translated t -> {
                        write(out, record, packet);
                        written++;
                    }
                    case Translation.Reply r -> {
                        write(out, record, packet);
                        written++;
                        err.println("packet " + index + ": answered with an ICMP error");
                    }
                    case Translation.Passthrough p -> {
                        dropped++;
                        err.println("packet " + index + ": dropped (no-mapping: destination not under the prefix or a mapping)");
                    }
                    case Translation.Dropped d -> {
                        dropped++;
                        err.println("packet " + index + ": dropped (" + d.reason() + ")");
                    }
                }
            }
        }
        context.out().println("nat64 translate: " + input.records().size() + " packets in, " + written + " out, "
                + dropped + " dropped");
        return 0;
    }

    private static void write(OutputStream out, Pcap.Record record, PacketBuffer packet) throws IOException {
        Pcap.writeRecord(out, record.seconds(), record.fraction(), packet.array(), packet.arrayOffset(), packet.length());
    }
}
