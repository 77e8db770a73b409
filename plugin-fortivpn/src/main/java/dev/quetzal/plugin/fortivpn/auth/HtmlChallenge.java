package dev.quetzal.plugin.fortivpn.auth;

import dev.quetzal.plugin.fortivpn.http.FormBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML two-factor challenge (protocol notes §2): a 401 answer with a {@code <form
 * action=/remote/logincheck>} holding hidden inputs (username, magic, reqid, grpid) and a password
 * input {@code credential}; the answer posts every input back with the one-time password in {@code
 * credential}. Parsed with a small tag scanner: the page is machine-made and tiny.
 */
public record HtmlChallenge(String action, List<HtmlChallenge.Input> inputs, String prompt) {
    /** One form input: its name and its value as sent (hidden inputs keep theirs). */
    public record Input(String name, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*(?:=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

    public HtmlChallenge {
        inputs = List.copyOf(inputs);
    }

    /** The challenge form in {@code html}, if there is one that posts to the login check. */
    public static Optional<HtmlChallenge> parse(String html) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            String action = attribute(form.group(1), "action");
            if (action == null || !action.contains("/remote/logincheck")) {
                continue;
            }
            List<Input> inputs = new ArrayList<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                String name = attribute(input.group(1), "name");
                String type = attribute(input.group(1), "type");
                if (name == null || name.isEmpty() || (type != null && type.equalsIgnoreCase("submit"))) {
                    continue;
                }
                String value = attribute(input.group(1), "value");
                inputs.add(new Input(name, value == null ? "" : unescape(value)));
            }
            String prompt = form.group(2).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
            return Optional.of(new HtmlChallenge("/remote/logincheck", inputs, prompt));
        }
        return Optional.empty();
    }

    /** Every input as received, with the one-time password in {@code credential}. */
    public FormBody answer(String code) {
        FormBody form = new FormBody();
        boolean sawCredential = false;
        for (Input input : inputs) {
            if (input.name().equals("credential")) {
                form.add("credential", code);
                sawCredential = true;
            } else {
                form.add(input.name(), input.value());
            }
        }
        if (!sawCredential) {
            form.add("credential", code);
        }
        return form;
    }

    private static String attribute(String attributes, String name) {
        Matcher matcher = ATTRIBUTE.matcher(attributes);
        while (matcher.find()) {
            if (matcher.group(1).toLowerCase(Locale.ROOT).equals(name)) {
                for (int group = 2; group <= 4; group++) {
                    if (matcher.group(group) != null) {
                        return matcher.group(group);
                    }
                }
                return "";
            }
        }
        return null;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Override
    public String toString() {
        return "HtmlChallenge" + inputs;
    }
}
