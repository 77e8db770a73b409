package dev.quetzal.plugin.ikev2.profile;

import java.nio.charset.StandardCharsets;

/**
 * One file of a profile, by its path under the output folder.
 *
 * @param secret whether it holds a private key or PKCS#12, created readable by the owner only
 */
record ProfileFile(String path, byte[] content, boolean secret) {
    static ProfileFile text(String path, String content) {
        return new ProfileFile(path, content.getBytes(StandardCharsets.UTF_8), false);
    }

    String asText() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
