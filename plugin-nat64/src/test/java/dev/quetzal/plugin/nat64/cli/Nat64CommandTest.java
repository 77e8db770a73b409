package dev.quetzal.plugin.nat64.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.command.CommandContext;
import dev.quetzal.plugin.nat64.JoolVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code quetzal nat64 translate}: RFC 7915 over pcap files, with the Jool vectors run through it. */
final class Nat64CommandTest {
    @TempDir
    Path folder;

    /** A command context writing to strings, in {@link #folder}. */
    final class Context implements CommandContext {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        private final PrintWriter outWriter = new PrintWriter(out, true);
        private final PrintWriter errWriter = new PrintWriter(err, true);

        @Override
        public PrintWriter out() {
            return outWriter;
        }

        @Override
        public PrintWriter err() {
            return errWriter;
        }

        @Override
        public InputStream stdin() {
            return InputStream.nullInputStream();
        }

        @Override
        public Path workingDirectory() {
            return folder;
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public Optional<Path> quetzalHome() {
            return Optional.empty();
        }
    }

    static Stream<JoolVectors.Case> cases() throws Exception {
        return JoolVectors.load().stream();
    }

    /** The command-line flags for a manifest profile. */
    static List<String> flags(JoolVectors.Profile profile) {
        List<String> flags = new ArrayList<>(List.of("--prefix", profile.prefix().toString(),
                "--lowest-ipv6-mtu", Integer.toString(profile.lowestIpv6Mtu())));
        profile.mappings().forEach(m -> flags.addAll(List.of("--map", m.ipv6().address() + "=" + m.ipv4().address())));
        if (!profile.checkWellKnownPrefix()) {
            flags.add("--no-wkp-check");
        }
        return flags;
    }

    static byte[] pcap(int linkType, List<byte[]> packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pcap.writeHeader(out, false);
        byte[] bytes = out.toByteArray();
        bytes[23] = (byte) linkType;
        out.reset();
        out.write(bytes);
        long second = 1_700_000_000L;
        for (byte[] p : packets) {
            Pcap.writeRecord(out, second++, 250_000, p, 0, p.length);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("RFC 7915: Jool vectors through quetzal nat64 translate")
    void translatesTheJoolVectorsFromAPcap(JoolVectors.Case c) throws Exception {
        Path in = folder.resolve(c.id() + ".in.pcap");
        Files.write(in, pcap(Pcap.LINKTYPE_RAW, List.of(c.input())));
        List<String> args = new ArrayList<>(List.of("translate"));
        args.addAll(flags(c.profile()));
        args.addAll(List.of(in.getFileName().toString(), c.id() + ".out.pcap"));
        Context context = new Context();
        assertEquals(0, new Nat64Command().run(context, args), context.err.toString());
        Pcap.File out;
        try (InputStream s = Files.newInputStream(folder.resolve(c.id() + ".out.pcap"))) {
            out = Pcap.read(s);
        }
        assertEquals(Pcap.LINKTYPE_RAW, out.linkType());
        assertEquals(c.expected().size(), out.records().size(), context.err.toString());
        for (int i = 0; i < out.records().size(); i++) {
            Pcap.Record r = out.records().get(i);
            assertEquals(1_700_000_000L, r.seconds(), "the input's timestamp");
            assertEquals(250_000, r.fraction());
            assertNull(JoolVectors.compare(c.expected().get(i), r.data(), c.ignoreOffsets()), c.id() + " packet " + i);
        }
    }

    @Test
    @DisplayName("RFC 7915 §4, §5: every packet in order, drops on stderr with index and reason; LINKTYPE_IPV6 input")
    void reportsDropsAndKeepsOrder() throws Exception {
        byte[] udp6 = hex("6000000000101140" + "20010db8000000000000000000000001" + "0064ff9b0000000000000000c6336401"
                + "04d2005000100000" + "0001020304050607");
        fixUdp6Checksum(udp6);
        byte[] notForPrefix = udp6.clone();
        notForPrefix[24] = 0x20;
        notForPrefix[25] = 0x01;
        Files.write(folder.resolve("in.pcap"), pcap(Pcap.LINKTYPE_IPV6, List.of(notForPrefix, udp6)));
        Context context = new Context();
        int status = new Nat64Command().run(context, List.of("translate", "--map", "2001:db8::1=198.51.100.7",
                "--no-wkp-check", "in.pcap", "out.pcap"));
        assertEquals(0, status, context.err.toString());
        assertTrue(context.err.toString().contains("packet 1: dropped ("), context.err.toString());
        Pcap.File out = Pcap.read(Files.newInputStream(folder.resolve("out.pcap")));
        assertEquals(1, out.records().size());
        byte[] v4 = out.records().getFirst().data();
        assertEquals(0x45, v4[0] & 0xFF);
        assertEquals(1_700_000_001L, out.records().getFirst().seconds(), "the second input packet's timestamp");
    }

    @Test
    @DisplayName("Bad arguments and a bad pcap: one clear line, exit 2")
    void refusesBadInputWithOneLine() throws Exception {
        Files.write(folder.resolve("ok.pcap"), pcap(Pcap.LINKTYPE_RAW, List.of()));
        Files.write(folder.resolve("eth.pcap"), pcap(1, List.of()));
        Files.write(folder.resolve("junk.pcap"), new byte[] {1, 2, 3});
        String[][] bad = {
            {"translate", "--prefix", "64:ff9b::/80", "ok.pcap", "o.pcap"},
            {"translate", "--map", "2001:db8::1", "ok.pcap", "o.pcap"},
            {"translate", "--lowest-ipv6-mtu", "1000", "ok.pcap", "o.pcap"},
            {"translate", "--udp-zero-checksum", "maybe", "ok.pcap", "o.pcap"},
            {"translate", "--bogus", "ok.pcap", "o.pcap"},
            {"translate", "ok.pcap"},
            {"translate", "missing.pcap", "o.pcap"},
            {"translate", "eth.pcap", "o.pcap"},
            {"translate", "junk.pcap", "o.pcap"},
            {"frobnicate"},
        };
        for (String[] args : bad) {
            Context context = new Context();
            assertEquals(2, new Nat64Command().run(context, List.of(args)), String.join(" ", args));
            String err = context.err.toString();
            assertEquals(1, err.lines().count(), String.join(" ", args) + ": " + err);
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("The output opens in tshark (pcap format, LINKTYPE_RAW)")
    void outputOpensInTshark() throws Exception {
        Path tshark = Stream.of("/usr/bin/tshark", "/usr/local/bin/tshark").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (tshark == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("tshark is not installed; .ci/run installs it, so CI must have it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(tshark != null, "tshark not installed");
        List<JoolVectors.Case> all = JoolVectors.load();
        JoolVectors.Case big = all.stream().filter(c -> c.id().equals("nat64-manual_frag_minmtu6-big-test")).findFirst().orElseThrow();
        Files.write(folder.resolve("in.pcap"), pcap(Pcap.LINKTYPE_RAW, List.of(big.input())));
        List<String> args = new ArrayList<>(List.of("translate"));
        args.addAll(flags(big.profile()));
        args.addAll(List.of("in.pcap", "out.pcap"));
        Context context = new Context();
        assertEquals(0, new Nat64Command().run(context, args), context.err.toString());
        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", folder.resolve("out.pcap").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(50, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertEquals(2, text.lines().filter(l -> !l.isBlank()).count(), text);
        assertTrue(text.contains("64:ff9b::c000:205"), text);
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    /** Sets a valid UDP checksum on an IPv6 packet with UDP right after the header. */
    static void fixUdp6Checksum(byte[] p) {
        p[46] = 0;
        p[47] = 0;
        int length = p.length - 40;
        long sum = 0;
        for (int i = 8; i < 40; i += 2) {
            sum += (p[i] & 0xFF) << 8 | (p[i + 1] & 0xFF);
        }
        sum += length + 17;
        for (int i = 40; i < p.length; i += 2) {
            sum += (p[i] & 0xFF) << 8 | (i + 1 < p.length ? p[i + 1] & 0xFF : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int c = (int) (~sum & 0xFFFF);
        p[46] = (byte) (c >>> 8);
        p[47] = (byte) c;
    }
}
