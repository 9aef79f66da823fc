package io.callhook.acceptance.proof.hostile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What a caller, an LLM or an attacker may put into a request: text with NUL characters, lone surrogates, control
 * characters, SQL and script injection, very long text; numbers beyond PostgreSQL's {@code numeric} and beyond what
 * Jackson reads back; deeply nested JSON; values of the wrong type. JSON is written here by hand so that escapes such as
 * {@code \u0000} and a lone {@code \ud800} reach the server as escapes, exactly as a hostile sender would write them.
 */
public final class HostileValues {

    /** Injection and odd text, each of which has broken some system somewhere. */
    public static final List<String> NASTY_TEXT = List.of(
            "\u0000", "a\u0000b", "\ud800", "x\udfffy", "\uFFFD", "\uFEFF", "\t\r\n", "\u202Eevil",
            "' OR '1'='1", "'; DROP TABLE calls; --", "\"); DELETE FROM campaigns; --", "$$; SELECT pg_sleep(1); $$",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}",
            "%00", "%s%s%s%n", "../../../../etc/passwd", "\\u0000", "NaN", "null", "☎️ Ω 𝄞 漢字", "");

    /** Numbers written as JSON number literals. */
    public static final List<String> NASTY_NUMBERS = List.of(
            "1e131072", "-1e131072", "1e1000", "-1e-1000", "1E+400", "1e-400", "123456789012345678901234567890",
            "0.10", "-0", "0e0", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "42");

    private HostileValues() {
    }

    /** Hostile text: nasty strings, random unicode (surrogates and NUL included) and, now and then, a long one. */
    public static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(NASTY_TEXT)),
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(20)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(NASTY_TEXT).map(t -> t.repeat(20_000 / Math.max(1, t.length())))));
    }

    /** A JSON value, as text: nested objects and arrays, hostile strings and keys, hostile numbers. */
    public static Arbitrary<String> json(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                text().map(HostileValues::quote),
                Arbitraries.of(NASTY_NUMBERS),
                Arbitraries.of("true", "false", "null"));
        if (depth <= 0) {
            return leaf;
        }
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = members(json(depth - 1), 3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, array),
                net.jqwik.api.Tuple.of(2, object),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(100, 450).map(HostileValues::deeplyNested)));
    }

    /** A JSON object, as text (metadata must be one). */
    public static Arbitrary<String> jsonObject() {
        return members(json(2), 4);
    }

    /**
     * An object of hostile keys and values. Keys are distinct: the parser refuses duplicate keys on purpose (they
     * leave the meaning of a body ambiguous), so an object with a repeated key is not the valid JSON it is meant to be.
     */
    private static Arbitrary<String> members(Arbitrary<String> values, int maxSize) {
        return net.jqwik.api.Combinators.combine(text().map(HostileValues::quote), values).as(Map::entry)
                .list().ofMaxSize(maxSize).uniqueElements(Map.Entry::getKey)
                .map(l -> "{" + l.stream().map(m -> m.getKey() + ":" + m.getValue()).collect(Collectors.joining(","))
                        + "}");
    }

    /** {@code {"a":[{"a":[ ... ]}]}} nested {@code depth} levels. */
    public static String deeplyNested(int depth) {
        return "{\"a\":[".repeat(depth) + "1" + "]}".repeat(depth);
    }

    /** A JSON string literal; control characters, quotes, backslashes and every surrogate written as escapes. */
    public static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
