package dev.quetzal.runtime.cli.pterodapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** pterodapter's options as Quetzal's JSON config (pterodapter-inventory §2, §4, §5, §6; issue 7 item 3). */
@DisplayName("pterodapter options to Quetzal config (pterodapter-inventory §2 §4 §5 §6)")
final class PterodapterTranslationTest {
    private static final Path HERE = Path.of("/srv/quetzal");

    private static PterodapterTranslation translate(boolean pcapInstalled, String... args) {
        PterodapterParse parse = PterodapterParser.parse(List.of(args));
        PterodapterOptions options = assertInstanceOf(PterodapterParse.Ikev2.class, parse, parse.toString()).options();
        return PterodapterTranslation.of(options, HERE, pcapInstalled);
    }

    @Test
    @DisplayName("§6 defaults: ikev2 on :: ports 500/4500, fortivpn with SAML on 127.0.0.1:8020 (§4), no filters;"
            + " NAPT on, since the FortiGate accepts only the address it assigned")
    void minimal() {
        PterodapterTranslation translation = translate(false, "--fortivpn=vpn.example.com:443", "--cacert=ca.pem",
                "--cert=certs/server.pem", "--key=/etc/quetzal/key.pem", "ikev2");
        assertEquals("""
                {
                  "frontends" : [ {
                    "type" : "ikev2",
                    "listenAddress" : "::",
                    "ikePort" : 500,
                    "natPort" : 4500,
                    "certificate" : "/srv/quetzal/certs/server.pem",
                    "key" : "/etc/quetzal/key.pem",
                    "clientCa" : "/srv/quetzal/ca.pem"
                  } ],
                  "backend" : {
                    "type" : "fortivpn",
                    "server" : "vpn.example.com:443",
                    "saml" : {
                      "enabled" : true,
                      "listen" : "127.0.0.1:8020"
                    }
                  },
                  "napt" : {
                    "enabled" : true
                  }
                }""", translation.json());
        assertTrue(translation.notes().stream().anyMatch(n -> n.startsWith("pterodapter hands every client the FortiVPN"
                + " address itself")), translation.notes().toString());
        assertTrue(translation.notes().stream().anyMatch(n -> n.startsWith("no --id-hostname")));
        assertTrue(translation.notes().stream().anyMatch(n -> n.startsWith("ports below 1024 need root")));
        assertNull(translation.config().get("addressPool"));
    }

    @Test
    @DisplayName("§5, §6: every option: NAT64 /96 with DNS64 suffixes and empty A answers, split-dns domains, pcap")
    void everything() {
        PterodapterTranslation translation = translate(true, "--destination", "vpn.example.com:10443",
                "--listen-ip=192.0.2.1", "--ike-port=9500", "--nat-port=9501", "--cacert=ca.pem", "--cert=s.pem",
                "--key=k.pem", "--id-hostname=vpn.example.com", "--tunnel-domain=corp.example",
                "--tunnel-domain=lab.example", "--nat64-prefix=64:ff9b:1::/96", "--dns64-tunnel-suffix=corp.example",
                "--pcap=capture.pcap", "ikev2");
        assertEquals("""
                {
                  "frontends" : [ {
                    "type" : "ikev2",
                    "listenAddress" : "192.0.2.1",
                    "ikePort" : 9500,
                    "natPort" : 9501,
                    "certificate" : "/srv/quetzal/s.pem",
                    "key" : "/srv/quetzal/k.pem",
                    "clientCa" : "/srv/quetzal/ca.pem",
                    "identity" : "vpn.example.com"
                  } ],
                  "backend" : {
                    "type" : "fortivpn",
                    "server" : "vpn.example.com:10443",
                    "saml" : {
                      "enabled" : true,
                      "listen" : "127.0.0.1:8020"
                    }
                  },
                  "filters" : [ {
                    "type" : "nat64",
                    "prefix" : "64:ff9b:1::/96",
                    "dns64" : {
                      "suffixes" : [ "corp.example" ],
                      "aQueries" : "empty"
                    }
                  }, {
                    "type" : "split-dns",
                    "tunnelDomains" : [ "corp.example", "lab.example" ]
                  }, {
                    "type" : "pcap",
                    "file" : "/srv/quetzal/capture.pcap"
                  } ],
                  "addressPool" : {
                    "ipv6" : "fd56:a597:e331::/64"
                  },
                  "napt" : {
                    "enabled" : true
                  }
                }""", translation.json());
        assertEquals("--nat64-prefix", translation.flagFor("$.addressPool.ipv6"));
        assertFalse(translation.notes().stream().anyMatch(n -> n.startsWith("ports below 1024")));
        assertEquals("--nat64-prefix", translation.flagFor("$.filters[0].prefix"));
        assertEquals("--dns64-tunnel-suffix", translation.flagFor("$.filters[0].dns64.suffixes[0]"));
        assertEquals("--tunnel-domain", translation.flagFor("$.filters[1].tunnelDomains[1]"));
        assertEquals("--pcap", translation.flagFor("$.filters[2].file"));
        assertEquals("--destination", translation.flagFor("$.backend.server"));
        assertEquals("--key", translation.flagFor("$.frontends[0].key"));
        assertEquals("--cert", translation.flagFor("$.frontends[0].certificate"));
        assertNull(translation.flagFor("$.frontends[0].keyring"));
        assertNull(translation.flagFor("$.addressPool"));
    }

    @Test
    @DisplayName("§5: 64:ff9b::/96 carries private IPv4 as in pterodapter (RFC 6052 §3.1 check off, with a note);"
            + " no suffix means no DNS64")
    void wellKnownPrefix() {
        PterodapterTranslation translation = translate(false, "--fortivpn=vpn.example.com:443", "--cacert=ca.pem",
                "--cert=s.pem", "--key=k.pem", "--nat64-prefix=64:ff9b::/96", "ikev2");
        var nat64 = translation.config().get("filters").get(0);
        assertEquals("64:ff9b::/96", nat64.get("prefix").asText());
        assertFalse(nat64.get("checkWellKnownPrefix").asBoolean());
        assertFalse(nat64.get("dns64").get("enabled").asBoolean());
        assertTrue(translation.notes().stream().anyMatch(n -> n.contains("RFC 6052 §3.1")));
        assertTrue(translation.notes().stream().anyMatch(n -> n.startsWith("no --dns64-tunnel-suffix: DNS64 is off")));
    }

    @Test
    @DisplayName("§6: several --listen-ip fold into the wildcard they contain, with a note")
    void severalListenAddresses() {
        PterodapterTranslation both = translate(false, "--fortivpn=a.example:443", "--cacert=c", "--cert=s", "--key=k",
                "--listen-ip=0.0.0.0", "--listen-ip=::", "ikev2");
        assertEquals("::", both.config().get("frontends").get(0).get("listenAddress").asText());
        assertTrue(both.notes().stream().anyMatch(n -> n.startsWith("several --listen-ip values: Quetzal listens on ::")));
        PterodapterTranslation v4 = translate(false, "--fortivpn=a.example:443", "--cacert=c", "--cert=s", "--key=k",
                "--listen-ip=192.0.2.1", "--listen-ip=0.0.0.0", "ikev2");
        assertEquals("0.0.0.0", v4.config().get("frontends").get(0).get("listenAddress").asText());
    }

    @Test
    @DisplayName("§6: several specific --listen-ip cannot be one listenAddress: a clear error")
    void severalSpecificListenAddresses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> translate(false,
                "--fortivpn=a.example:443", "--cacert=c", "--cert=s", "--key=k", "--listen-ip=192.0.2.1",
                "--listen-ip=2001:db8::1", "ikev2"));
        assertEquals("--listen-ip: Quetzal's ikev2 frontend listens on one address, got 2 (192.0.2.1, 2001:db8::1);"
                + " give one, or --listen-ip=:: for all of them", e.getMessage());
    }

    @Test
    @DisplayName("§1: --pcap without the pcap filter plugin installed is a clear error")
    void pcapNotInstalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> translate(false,
                "--fortivpn=a.example:443", "--cacert=c", "--cert=s", "--key=k", "--pcap=x.pcap", "ikev2"));
        assertTrue(e.getMessage().startsWith("--pcap: no plugin of this installation offers the \"pcap\" filter type"),
                e.getMessage());
    }
}
