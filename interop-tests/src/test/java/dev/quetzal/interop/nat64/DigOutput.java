package dev.quetzal.interop.nat64;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What dig printed: the status from its header line and the answer section's records (RFC 1035 §4.1). */
record DigOutput(String status, boolean truncated, List<Answer> answers, String text) {
    private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]*);");
    private static final Pattern RECORD = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+IN\\s+(\\S+)\\s+(\\S+)$");

    record Answer(String name, long ttl, String type, String data) {}

    static DigOutput parse(String text) {
        Matcher status = STATUS.matcher(text);
        Matcher flags = FLAGS.matcher(text);
        boolean truncated = flags.find() && List.of(flags.group(1).trim().split(" ")).contains("tc");
        List<Answer> answers = new ArrayList<>();
        boolean inAnswer = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith(";; ANSWER SECTION:")) {
                inAnswer = true;
                continue;
            }
            if (inAnswer && (line.isBlank() || line.startsWith(";;"))) {
                inAnswer = false;
            }
            if (inAnswer) {
                Matcher record = RECORD.matcher(line.trim());
                if (record.matches()) {
                    answers.add(new Answer(record.group(1), Long.parseLong(record.group(2)), record.group(3), record.group(4)));
                }
            }
        }
        return new DigOutput(status.find() ? status.group(1) : "none", truncated, answers, text);
    }

    List<String> data(String type) {
        return answers.stream().filter(a -> a.type().equals(type)).map(Answer::data).toList();
    }

    List<Answer> ofType(String type) {
        return answers.stream().filter(a -> a.type().equals(type)).toList();
    }
}
