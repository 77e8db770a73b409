package dev.quetzal.plugin.ikev2.profile;

/** Verbatim PowerShell strings and comments for the Windows profile. */
final class PowerShellText {
    private PowerShellText() {}

    /**
     * {@code value} as a single-quoted string: PowerShell also ends one at the typographic quotes U+2018..U+201B, so
     * every quote character is doubled, its escape.
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("expected text without control characters, got one at position " + i);
            }
            if (c == '\'' || (c >= '\u2018' && c <= '\u201B')) {
                quoted.append(c);
            }
            quoted.append(c);
        }
        return quoted.append('\'').toString();
    }

    /** A one-line comment: line breaks cannot end it early. */
    static String comment(String text) {
        return "# " + text.replaceAll("\\p{Cntrl}", " ");
    }
}
