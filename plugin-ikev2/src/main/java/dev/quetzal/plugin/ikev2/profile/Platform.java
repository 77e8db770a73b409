package dev.quetzal.plugin.ikev2.profile;

import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The platforms {@code quetzal profile} writes for, by their command-line word. */
enum Platform {
    MACOS, IOS, WINDOWS, ANDROID, LINUX;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Platform> of(String word) {
        for (Platform platform : values()) {
            if (platform.word().equals(word)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    List<ProfileFile> files(ProfileInput input) throws CertificateEncodingException, ProfileFailure {
        return switch (this) {
            case MACOS, IOS -> List.of(AppleProfile.file(input));
            case WINDOWS -> WindowsProfile.files(input);
            case ANDROID -> List.of(SswanProfile.file(input));
            case LINUX -> SwanctlProfile.files(input);
        };
    }

    /** What to do with the files, for the command's output. */
    String instructions(ProfileInput input) {
        String client = input.client().name();
        return switch (this) {
            case MACOS -> "Open " + client + ".mobileconfig, then approve it in System Settings > Privacy & Security >"
                    + " Profiles (it asks for the PKCS#12 password).";
            case IOS -> "Send " + client + ".mobileconfig to the device (AirDrop, mail), then install it in Settings >"
                    + " General > VPN & Device Management (it asks for the PKCS#12 password).";
            case WINDOWS -> "Copy the folder to the PC and run " + client + ".ps1 in an elevated PowerShell.";
            case ANDROID -> "Open " + client + ".sswan in the strongSwan VPN Client app (it asks for the PKCS#12"
                    + " password).";
            case LINUX -> "Copy swanctl/ to /etc/swanctl/ (or use it as SWANCTL_DIR), then: swanctl --load-all &&"
                    + " swanctl --initiate --child " + SwanctlProfile.CONNECTION;
        };
    }
}
