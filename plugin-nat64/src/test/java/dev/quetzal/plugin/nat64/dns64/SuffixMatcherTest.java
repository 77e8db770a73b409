package dev.quetzal.plugin.nat64.dns64;

import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.name;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Checklist 1 (suffixes on label boundaries, any case, RFC 4343 §3) and 13 (ipv4only.arpa, RFC 7050 §3). */
final class SuffixMatcherTest {
    private final SuffixMatcher matcher = SuffixMatcher.of(List.of("corp.example", "Lab.Example."));

    @Test
    @DisplayName("RFC 4343 §3: label boundaries, case-insensitive")
    void labelBoundariesAndCase() {
        assertTrue(matcher.matches(name("corp.example")));
        assertTrue(matcher.matches(name("a.b.CORP.Example")));
        assertTrue(matcher.matches(name("x.lab.example")));
        assertFalse(matcher.matches(name("notcorp.example")));
        assertFalse(matcher.matches(name("corp.example.com")));
        assertFalse(matcher.matches(name("example")));
    }

    @Test
    @DisplayName("RFC 7050 §3: ipv4only.arpa is always a suffix")
    void ipv4onlyArpa() {
        assertTrue(SuffixMatcher.of(List.of()).matches(name("ipv4only.arpa")));
        assertFalse(SuffixMatcher.of(List.of()).matches(name("www.corp.example")));
    }

    @Test
    @DisplayName("Config: a suffix must be a DNS name")
    void validation() {
        assertTrue(SuffixMatcher.isValidSuffix("corp.example"));
        assertFalse(SuffixMatcher.isValidSuffix(""));
        assertFalse(SuffixMatcher.isValidSuffix("."));
        assertFalse(SuffixMatcher.isValidSuffix("a..b"));
        assertFalse(SuffixMatcher.isValidSuffix("x".repeat(64) + ".example"));
    }
}
