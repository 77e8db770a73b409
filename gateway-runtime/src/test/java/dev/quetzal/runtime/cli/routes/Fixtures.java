package dev.quetzal.runtime.cli.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code /status} documents under {@code src/test/resources/routes/}. */
public final class Fixtures {
    private Fixtures() {}

    /** The text of {@code routes/NAME}. */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/routes/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource routes/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StatusRoutes routes(String name) {
        return StatusRoutes.parse(json(name));
    }
}
