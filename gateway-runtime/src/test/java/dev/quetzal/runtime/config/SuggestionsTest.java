package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean" hints: Levenshtein distance of at most two, ignoring case. */
final class SuggestionsTest {
    private static final List<String> FIELDS = List.of("server", "password", "mtu", "reconnectDelay", "dns");

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Suggestions.distance("mtu", "mtu"));
        assertEquals(1, Suggestions.distance("sever", "server"));
        assertEquals(1, Suggestions.distance("servers", "server"));
        assertEquals(1, Suggestions.distance("mtv", "mtu"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(3, Suggestions.distance("", "abc"));
    }

    @Test
    void suggestsTheClosestFieldWithinTwoEdits() {
        assertEquals(Optional.of("server"), Suggestions.closest("sever", FIELDS));
        assertEquals(Optional.of("password"), Suggestions.closest("pasword", FIELDS));
        assertEquals(Optional.of("reconnectDelay"), Suggestions.closest("reconectdelay", FIELDS));
        assertEquals(Optional.of("mtu"), Suggestions.closest("MTU", FIELDS));
    }

    @Test
    void suggestsNothingForUnrelatedNames() {
        assertEquals(Optional.empty(), Suggestions.closest("username", FIELDS));
        assertEquals(Optional.empty(), Suggestions.closest("x", List.of("y")));
        assertEquals(Optional.empty(), Suggestions.closest("anything", List.of()));
    }

    @Test
    void breaksTiesAlphabetically() {
        assertEquals(Optional.of("bat"), Suggestions.closest("cat", List.of("rat", "bat")));
    }
}
