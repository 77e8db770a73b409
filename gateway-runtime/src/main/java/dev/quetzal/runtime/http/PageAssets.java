package dev.quetzal.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The page's static files, resources next to this class under {@code page/}. */
final class PageAssets {
    private PageAssets() {}

    static String text(String name) throws IOException {
        try (InputStream in = PageAssets.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IOException("page/" + name + " is missing from gateway-runtime");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
