package dev.quetzal.plugin.fortivpn.auth;

import dev.quetzal.plugin.fortivpn.http.FormBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "tokeninfo" two-factor challenge (protocol notes §2): a 200 answer without a cookie whose body is
 * {@code ret=2,reqid=N,polid=..,grp=..,portal=..,peer=..,magic=..,tokeninfo=..,chal_msg=..}, split on
 * commas. The answer repeats the server's fields back, in the server's order.
 */
public record TokenChallenge(Map<String, String> fields) {
    /** The fields a client echoes back (OpenConnect 9.01 copies exactly these, when present). */
    private static final List<String> ECHOED = List.of("reqid", "polid", "grp", "portal", "peer", "magic");

    public TokenChallenge {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The challenge in {@code body}, if it is one ({@code ret=2}). */
    public static Optional<TokenChallenge> parse(String body) {
        String text = body.strip();
        if (!text.startsWith("ret=2")) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1));
            }
        }
        return Optional.of(new TokenChallenge(fields));
    }

    /** FortiToken Mobile push: the server waits for the phone instead of a code. */
    public boolean isPush() {
        return "ftm_push".equals(fields.get("tokeninfo"));
    }

    /** The server's prompt text, e.g. "Please enter your token code". */
    public String message() {
        return fields.getOrDefault("chal_msg", "").strip();
    }

    /** OpenConnect 9.01's answer: {@code username, code, realm, code2, then the echoed fields}. */
    public FormBody codeAnswer(String username, String realm, String code) {
        FormBody form = new FormBody().add("username", username).add("code", code).add("realm", realm == null ? "" : realm)
                .add("code2", "");
        echo(form, true);
        return form;
    }

    /**
     * The push answer (openfortivpn, and OpenConnect after 9.01): the echoed fields without {@code
     * magic}, an empty code and {@code ftmpush=1}; the server holds the request until the phone approves.
     */
    public FormBody pushAnswer(String username, String realm) {
        FormBody form = new FormBody().add("username", username).add("realm", realm == null ? "" : realm);
        echo(form, false);
        return form.add("code", "").add("code2", "").add("ftmpush", "1");
    }

    private void echo(FormBody form, boolean withMagic) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (ECHOED.contains(field.getKey()) && (withMagic || !field.getKey().equals("magic"))) {
                form.add(field.getKey(), field.getValue());
            }
        }
    }

    @Override
    public String toString() {
        return "TokenChallenge" + fields.keySet();
    }
}
