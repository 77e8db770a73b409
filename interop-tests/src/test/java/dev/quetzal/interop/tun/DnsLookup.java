package dev.quetzal.interop.tun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.interop.InteropEnvironment;
import dev.quetzal.tun.testing.Commands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DNS A query over UDP with dig (Debian bind9-dnsutils) when it is installed, else with
 * {@code interop/dnsquery.py}; both answers are reduced to the same record.
 */
public final class DnsLookup {
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags:([a-z ]*);");
    /** RFC 1035 §4.1.1 RCODE values dig names. */
    private static final Map<String, Integer> RCODES =
            Map.of("NOERROR", 0, "FORMERR", 1, "SERVFAIL", 2, "NXDOMAIN", 3, "NOTIMP", 4, "REFUSED", 5);

    /** RFC 1035 §4.1.1: the header's RCODE and AA bit, and the A records of the answer section. */
    public record Answer(String tool, int rcode, boolean authoritative, List<String> addresses) {}

    private DnsLookup() {}

    /** Asks {@code server} for the A record of {@code name}, running the tool through {@code launcher}. */
    public static Answer queryA(List<String> launcher, String server, String name) throws IOException {
        Optional<Path> dig = InteropEnvironment.findProgram("dig");
        List<String> command = new ArrayList<>(launcher);
        if (dig.isPresent()) {
            command.addAll(List.of(dig.get().toString(), "@" + server, name, "A", "+norecurse", "+time=2", "+tries=3"));
            return parseDig(run(command));
        }
        command.addAll(List.of("python3", InteropEnvironment.interopDir().resolve("dnsquery.py").toString(), server,
                name, "2"));
        JsonNode json = JSON.readTree(run(command));
        List<String> addresses = new ArrayList<>();
        json.path("a").forEach(address -> addresses.add(address.asText()));
        return new Answer("dnsquery.py", json.path("rcode").asInt(-1), json.path("aa").asBoolean(), addresses);
    }

    private static String run(List<String> command) throws IOException {
        return Commands.run(LIMIT, command);
    }

    static Answer parseDig(String output) throws IOException {
        Matcher status = STATUS.matcher(output);
        Matcher flags = FLAGS.matcher(output);
        if (!status.find() || !flags.find()) {
            throw new IOException("dig printed no header:\n" + output);
        }
        int rcode = RCODES.getOrDefault(status.group(1), -1);
        boolean authoritative = List.of(flags.group(1).trim().split(" ")).contains("aa");
        List<String> addresses = new ArrayList<>();
        boolean inAnswers = false;
        for (String line : output.lines().toList()) {
            if (line.startsWith(";; ANSWER SECTION:")) {
                inAnswers = true;
            } else if (inAnswers && line.isBlank()) {
                inAnswers = false;
            } else if (inAnswers) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 5 && fields[2].equals("IN") && fields[3].equals("A")) {
                    addresses.add(fields[4]);
                }
            }
        }
        return new Answer("dig", rcode, authoritative, addresses);
    }
}
