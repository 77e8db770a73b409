package dev.quetzal.interop.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading dig's answers (dig 9.18 output, captured against dnsmasq as corporate-netns.sh runs it). */
final class DnsLookupTest {
    private static final String AUTHORITATIVE_A = """

            ; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @198.18.0.1 intranet.corp.example A +norecurse +time=2 +tries=3
            ; (1 server found)
            ;; global options: +cmd
            ;; Got answer:
            ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 41258
            ;; flags: qr aa; QUERY: 1, ANSWER: 1, AUTHORITY: 1, ADDITIONAL: 1

            ;; OPT PSEUDOSECTION:
            ; EDNS: version: 0, flags:; udp: 1232
            ;; QUESTION SECTION:
            ;intranet.corp.example.\t\tIN\tA

            ;; ANSWER SECTION:
            intranet.corp.example.\t600\tIN\tA\t198.18.0.10

            ;; AUTHORITY SECTION:
            corp.example.\t\t600\tIN\tNS\tns.corp.example.

            ;; Query time: 0 msec
            ;; SERVER: 198.18.0.1#53(198.18.0.1) (UDP)
            ;; MSG SIZE  rcvd: 107

            """;

    private static final String NXDOMAIN = """
            ;; Got answer:
            ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 10502
            ;; flags: qr aa; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1

            ;; AUTHORITY SECTION:
            corp.example.\t\t600\tIN\tSOA\tns.corp.example. hostmaster.corp.example. 1 1200 180 1209600 600
            """;

    private static final String RECURSIVE_REFUSED = """
            ;; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: 7
            ;; flags: qr rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1
            """;

    @Test
    @DisplayName("RFC 1035 §4.1.1: NOERROR with the AA bit and the answer section's A record; NS in authority ignored")
    void readsAnAuthoritativeAnswer() throws IOException {
        DnsLookup.Answer answer = DnsLookup.parseDig(AUTHORITATIVE_A);
        assertEquals(new DnsLookup.Answer("dig", 0, true, List.of("198.18.0.10")), answer);
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: NXDOMAIN is RCODE 3, authoritative, without addresses")
    void readsNxdomain() throws IOException {
        DnsLookup.Answer answer = DnsLookup.parseDig(NXDOMAIN);
        assertEquals(3, answer.rcode());
        assertTrue(answer.authoritative());
        assertTrue(answer.addresses().isEmpty());
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: REFUSED (5) without the AA bit")
    void readsARefusalWithoutAa() throws IOException {
        DnsLookup.Answer answer = DnsLookup.parseDig(RECURSIVE_REFUSED);
        assertEquals(5, answer.rcode());
        assertFalse(answer.authoritative());
    }

    @Test
    @DisplayName("dig output without a header (no server reached) is an IOException that shows the output")
    void rejectsOutputWithoutHeader() {
        String timedOut = ";; communications error to 198.18.0.1#53: timed out\n;; no servers could be reached\n";
        IOException e = assertThrows(IOException.class, () -> DnsLookup.parseDig(timedOut));
        assertTrue(e.getMessage().contains("no servers could be reached"), e.getMessage());
    }
}
