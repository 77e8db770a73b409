package dev.quetzal.runtime.cli.service;

import java.nio.file.Path;

/**
 * A macOS LaunchDaemon (launchd.plist(5)) that runs {@code bin/quetzal run --config FILE} at boot and again when it
 * exits with a failure, logging to {@value #LOG}.
 */
public final class LaunchdPlist {
    static final String LABEL = "dev.quetzal.gateway";
    static final String LOG = "/var/log/quetzal.log";

    private LaunchdPlist() {}

    public static String render(Path launcher, ServiceSettings settings) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Quetzal VPN gateway: save as /Library/LaunchDaemons/%1$s.plist (owner root:wheel, mode 644),
                     then: sudo launchctl bootstrap system /Library/LaunchDaemons/%1$s.plist -->
                <plist version="1.0">
                <dict>
                	<key>Label</key>
                	<string>%1$s</string>
                	<key>ProgramArguments</key>
                	<array>
                		<string>%2$s</string>
                		<string>run</string>
                		<string>--config</string>
                		<string>%3$s</string>
                	</array>
                	<key>RunAtLoad</key>
                	<true/>
                	<key>KeepAlive</key>
                	<dict>
                		<key>SuccessfulExit</key>
                		<false/>
                	</dict>
                	<key>ThrottleInterval</key>
                	<integer>5</integer>
                	<key>ExitTimeOut</key>
                	<integer>30</integer>
                	<key>StandardOutPath</key>
                	<string>%4$s</string>
                	<key>StandardErrorPath</key>
                	<string>%4$s</string>
                </dict>
                </plist>
                """.formatted(LABEL, escape(launcher.toString()), escape(settings.config().toString()), LOG);
    }

    private static String escape(String text) {
        if (text.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a control character has no place in a property list string");
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
