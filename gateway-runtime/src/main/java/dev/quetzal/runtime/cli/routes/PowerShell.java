package dev.quetzal.runtime.cli.routes;

/** Values written into a PowerShell script. */
final class PowerShell {
    private PowerShell() {}

    /**
     * {@code value} as a verbatim (single-quoted) string. PowerShell also ends such a string at the
     * typographic single quotes U+2018..U+201B; each quote character is doubled, which is its escape.
     *
     * @throws IllegalArgumentException for control characters, which have no place in a name
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Printable.isUnsafe(c)) {
                throw new IllegalArgumentException("expected text without control characters, got one at position " + i);
            }
            if (c == '\'' || (c >= '\u2018' && c <= '\u201B')) {
                quoted.append(c);
            }
            quoted.append(c);
        }
        return quoted.append('\'').toString();
    }

    /** A one-line comment; line breaks in {@code text} cannot end it early. */
    static String comment(String text) {
        return "# " + Printable.of(text);
    }
}
