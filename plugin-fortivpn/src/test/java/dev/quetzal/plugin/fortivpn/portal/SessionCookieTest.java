package dev.quetzal.plugin.fortivpn.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** fortivpn-protocol.md §2 "Cookies": SVPNCOOKIE is the whole session, so it is never printed. */
class SessionCookieTest {
    private static final String VALUE = "q8Zr+u1/AbCdEfGh==";

    @Test
    @DisplayName("§2: a pasted SVPNCOOKIE=... and the bare value are the same cookie, sent as one Cookie header")
    void parsesWithOrWithoutName() {
        SessionCookie bare = SessionCookie.of(VALUE);
        assertEquals(bare, SessionCookie.of("SVPNCOOKIE=" + VALUE + "\n"));
        assertEquals("SVPNCOOKIE=" + VALUE, bare.headerValue());
        assertNotEquals(bare, SessionCookie.of(VALUE + "x"));
    }

    @Test
    @DisplayName("toString is a fingerprint: no 3 consecutive characters of the value appear in it")
    void toStringLeaksNothing() {
        String text = SessionCookie.of(VALUE).toString();
        assertTrue(text.matches("SVPNCOOKIE\\(sha256:[0-9a-f]{8}\\)"), text);
        for (int i = 0; i + 3 <= VALUE.length(); i++) {
            assertFalse(text.contains(VALUE.substring(i, i + 3)), text);
        }
        assertEquals(text, SessionCookie.of(VALUE).toString());
    }

    @Test
    @DisplayName("an empty value, spaces or ';' are refused without echoing the input")
    void rejectsMalformed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionCookie.of("ab; cd"));
        assertFalse(e.getMessage().contains("ab; cd"));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.of("SVPNCOOKIE="));
    }
}
