package dev.quetzal.runtime.cli.pterodapter;

/** The usage text of {@code quetzal pterodapter}. */
public final class PterodapterUsage {
    private PterodapterUsage() {}

    /** What {@code quetzal pterodapter help} prints. */
    public static final String TEXT = """
            Usage: quetzal pterodapter [OPTION=VALUE]... ikev2
                   quetzal pterodapter help

            Runs Quetzal from pterodapter's command line: prints the equivalent JSON config to standard
            output, notes on what differs to standard error, checks the config as check-config does, then
            runs it as run does. Options take --name=VALUE or --name VALUE; the mode word comes last.

              --fortivpn=HOST:PORT      the FortiGate SSL-VPN (required; also spelt --destination)
              --cert=FILE               the gateway's PEM certificate (required)
              --key=FILE                its PEM private key (required)
              --cacert=FILE             the CA client certificates must chain to (required)
              --id-hostname=NAME        the gateway's IKE identity (default: the certificate's first DNS name)
              --listen-ip=ADDRESS       address to listen on (default ::); several fold into :: or 0.0.0.0
              --ike-port=PORT           IKE port (default 500)
              --nat-port=PORT           NAT-T and ESP-in-UDP port (default 4500)
              --tunnel-domain=NAME      route this domain through the tunnel (repeat for more)
              --nat64-prefix=PREFIX     NAT64 for IPv6 clients, an IPv6 /96 such as 64:ff9b::/96
              --dns64-tunnel-suffix=NAME  synthesize AAAA records for this domain (repeat; needs --nat64-prefix)
              --pcap=FILE               capture every packet (needs the pcap example plugin)
              --log-level=LEVEL         trace, debug, info (default), warn, error or off
              --print-config            only print the config, do not check or run it
              --write-config=FILE       also write the config to FILE (then run it from there)

            Sign-in is SAML, as with pterodapter: open the logged link in a browser on this host; it
            comes back to 127.0.0.1:8020. pterodapter's l2gateway mode is not offered.

            Exit codes: 0 done or stopped cleanly, 1 the gateway failed while running, 2 bad command
            line, config or plugin.
            """;
}
