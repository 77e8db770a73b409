package dev.quetzal.plugin.ikev2.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The datagrams of a real strongSwan 5.9.8 session against Quetzal, captured by
 * {@code interop/strongswan/capture-corpus.sh} (resource {@code corpus/strongswan-5.9.8.txt}, its README says how).
 */
public final class Corpus {
    private static final String RESOURCE = "/corpus/strongswan-5.9.8.txt";
    private static final List<Datagram> STRONGSWAN = load();

    /**
     * One UDP payload as captured.
     *
     * @param description tshark's summary, e.g. "IKE_AUTH MID=01 Initiator Request (fragment 1/2)"
     */
    public record Datagram(int number, String description, boolean fromClient, int sourcePort, int destinationPort,
            byte[] payload) {
        public Datagram {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public boolean isEsp() {
            return description.startsWith("ESP");
        }

        public boolean isIke() {
            return description.contains(" MID=");
        }

        public boolean isKeepalive() {
            return description.startsWith("NAT-keepalive");
        }

        @Override
        public String toString() {
            return "#" + number + " " + (fromClient ? "c2s " : "s2c ") + sourcePort + "->" + destinationPort + " "
                    + description;
        }
    }

    private Corpus() {
    }

    /** Every datagram of the capture, in order. */
    public static List<Datagram> strongSwan() {
        return STRONGSWAN;
    }

    public static List<Datagram> strongSwan(Predicate<Datagram> filter) {
        return STRONGSWAN.stream().filter(filter).toList();
    }

    /** The first datagram whose description contains {@code text}. */
    public static Datagram first(String text) {
        return STRONGSWAN.stream().filter(d -> d.description().contains(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no datagram like " + text + " in the corpus"));
    }

    private static List<Datagram> load() {
        String text;
        try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Datagram> out = new ArrayList<>();
        String comment = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# ") && Character.isDigit(line.charAt(2))) {
                comment = line;
            } else if (line.startsWith("c2s ") || line.startsWith("s2c ")) {
                if (comment == null) {
                    throw new IllegalStateException("a datagram without its comment line: " + line);
                }
                String[] fields = line.split(" ");
                String[] head = comment.split(" ", 6);
                out.add(new Datagram(Integer.parseInt(head[1]), head.length > 5 ? head[5] : "", fields[0].equals("c2s"),
                        Integer.parseInt(fields[1]), Integer.parseInt(fields[2]), HexFormat.of().parseHex(fields[3])));
                comment = null;
            }
        }
        return List.copyOf(out);
    }
}
