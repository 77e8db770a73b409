package dev.quetzal.runtime.cli.routes;

/** Text from another process made safe for one line of a terminal or a script comment. */
final class Printable {
    private Printable() {}

    /**
     * {@code text} with every control character (line breaks, terminal escape sequences), Unicode line
     * separator and format character (bidirectional overrides) shown as {@code ?}.
     */
    static String of(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '?' : c));
        return safe.toString();
    }

    static boolean isUnsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
    }
}
