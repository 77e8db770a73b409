package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No guessing between JSON types (RFC 8259 §3: string, number, boolean, null, object, array): a
 * string is never read as a number or boolean, a fraction never as an integer, a number never as a
 * string, enum or duration, a lone value never as a list. Each case puts one value into one field of
 * the {@code ikev2} frontend and expects exactly one complaint about that field.
 */
final class StrictBindingTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of());

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            mtu           | "1400"             | expected an integer, got "1400"
            mtu           | 1400.5             | expected an integer, got 1400.5
            mtu           | 1400.0             | expected an integer, got 1400.0
            mtu           | 1.4e3              | expected an integer, got 1400.0
            mtu           | true               | expected an integer, got true
            mtu           | ""                 | expected an integer, got ""
            mtu           | [1400]             | expected an integer, got a list
            mtu           | 99999999999        | expected an integer, got 99999999999 (out of range)
            natTraversal  | 1                  | expected true or false, got 1
            natTraversal  | 0.0                | expected true or false, got 0.0
            natTraversal  | "true"             | expected true or false, got "true"
            natTraversal  | ""                 | expected true or false, got ""
            domains       | "corp.example.com" | expected a list, got "corp.example.com"
            domains       | [42]               | expected a string, got 42
            domains       | [4.2]              | expected a string, got 4.2
            domains       | [false]            | expected a string, got false
            domains       | [{}]               | expected a string, got an empty object
            mode          | 0                  | expected one of: main, aggressive, got 0
            mode          | ""                 | expected one of: main, aggressive, got ""
            mode          | "MAIN"             | expected one of: main, aggressive, got "MAIN"
            limits        | "many"             | expected an object, got "many"
            limits        | []                 | expected an object, got an empty list
            rekeyInterval | "30"               | expected a duration like 30s, got "30"
            rekeyInterval | "1.5h"             | expected a duration like 30s, got "1.5h"
            rekeyInterval | "PT-1S"            | expected a duration like 30s, got "PT-1S"
            rekeyInterval | 30.5               | expected a duration like 30s, got 30.5
            rekeyInterval | {}                 | expected a duration like 30s, got an empty object
            clientPrefix  | 10                 | expected an IP prefix like 10.0.0.0/8, got 10
            clientPrefix  | "10.0.0.0/8/8"     | expected an IP prefix like 10.0.0.0/8, got "10.0.0.0/8/8"
            certificate   | 5                  | expected a file path, got 5
            certificate   | ["a.pem"]          | expected a file path, got a list
            psk           | true               | expected a secret: {"env": NAME}, {"file": PATH} or a string, got true or false
            psk           | ["x"]              | expected a secret: {"env": NAME}, {"file": PATH} or a string, got a list
            psk           | {"env": 5}         | expected a secret: {"env": NAME}, {"file": PATH} or a string, got {"env":5}
            psk           | {"env": ""}        | expected a secret: {"env": NAME}, {"file": PATH} or a string, got {"env":""}
            psk           | {"env": "A", "file": "b"} | expected a secret: {"env": NAME}, {"file": PATH} or a string, got {"env":"A","file":"b"}
            psk           | {}                 | expected a secret: {"env": NAME}, {"file": PATH} or a string, got an empty object
            """)
    void refusesToCoerce(String field, String json, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.json"), """
                {
                  "frontends": [ { "type": "ikev2", "listen": "127.0.0.1:4500", "%s": %s } ],
                  "backend": { "type": "raw-udp" }
                }
                """.formatted(field, json));

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

        String path = "$.frontends[0]." + field + (field.equals("domains") && json.startsWith("[") ? "[0]" : "");
        assertEquals(path + ": " + problem, e.jsonPath() + ": " + e.problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "listen": "127.0.0.1:1", "limits": { "maxClients": null } | $.frontends[0].limits.maxClients | expected an integer, got null
            "listen": "127.0.0.1:1", "limits": { "maxClients": "5" }  | $.frontends[0].limits.maxClients | expected an integer, got "5"
            "listen": "127.0.0.1:4500:1"                             | $.frontends[0].listen            | expected host:port, got "127.0.0.1:4500:1"
            "listen": "127.0.0.1:65536"                              | $.frontends[0].listen            | expected a port 0..65535, got 65536 in "127.0.0.1:65536"
            "listen": ["127.0.0.1:1"]                                | $.frontends[0].listen            | expected host:port, got a list
            """)
    void reportsThePathOfTheValue(String fields, String path, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.json"), """
                {
                  "frontends": [ { "type": "ikev2", %s } ],
                  "backend": { "type": "raw-udp" }
                }
                """.formatted(fields));

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

        assertEquals(path, e.jsonPath());
        assertEquals(problem, e.problem());
    }
}
