package io.callhook.db;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The one rule that makes a value from a signed event storable in a business table ({@code calls}, contacts'
 * attempts, notifications, activity, and the inbox's text columns). A signed event is stored whatever it holds — a
 * 4xx would only make Retell send the same bytes again, and a 5xx would lose the event after Retell's last retry — so
 * values PostgreSQL cannot hold, or that could not be read back, are converted here, losslessly where possible. The raw
 * body bytes stay untouched in the inbox ({@code webhook_events.body} is {@code bytea}).
 *
 * <ul>
 *   <li><b>Text</b> ({@link #text}): PostgreSQL's {@code text} cannot hold the NUL character U+0000, and UTF-8 cannot
 *       encode a lone UTF-16 surrogate (U+D800–U+DFFF without its partner). Each such character becomes the Unicode
 *       replacement character U+FFFD ("a", NUL, "b" is stored as "a", U+FFFD, "b"). This is the one lossy
 *       conversion: a call id with a NUL is found under its id with U+FFFD in that place.</li>
 *   <li><b>JSON</b> ({@link #json}): strings and object keys follow the text rule ({@code jsonb} refuses
 *       U+0000 in strings). A number whose plain decimal form is longer than {@value #MAX_NUMBER_CHARACTERS} characters — beyond
 *       what Jackson reads back by default ({@link StreamReadConstraints#DEFAULT_MAX_NUM_LEN}), and far inside
 *       PostgreSQL's {@code numeric} limits, which {@code 1e131072} already exceeds — is kept as a JSON string of its
 *       exact value in scientific notation: {@code 1e1000} becomes {@code "1E+1000"}, {@code -1e-1000} becomes
 *       {@code "-1E-1000"}. Every other number is stored as it is.</li>
 * </ul>
 *
 * <p>Values that need no conversion are returned as the same instance, so the rule costs a scan, not a copy.
 */
public final class StorableValues {

    /** What replaces a character PostgreSQL text cannot hold. */
    public static final char REPLACEMENT = '\uFFFD';

    /** The longest plain form (sign, digits and decimal point) a number may have to stay a JSON number. */
    public static final int MAX_NUMBER_CHARACTERS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    private StorableValues() {
    }

    /** {@code value} with NUL characters and lone surrogates replaced by U+FFFD; {@code null} stays {@code null}. */
    public static String text(String value) {
        if (value == null || isStorable(value)) {
            return value;
        }
        StringBuilder storable = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                storable.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                storable.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                storable.append(REPLACEMENT);
            } else {
                storable.append(c);
            }
        }
        return storable.toString();
    }

    private static boolean isStorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= value.length()
                        || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * {@code node} with every string and key made storable by {@link #text} and every number too long to read back
     * turned into the string of its exact value; {@code null} stays {@code null}. The argument is never modified.
     */
    public static JsonNode json(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String storable = text(text);
            return storable == text ? node : TextNode.valueOf(storable);
        }
        if (node.isNumber()) {
            return storableNumber(node);
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                JsonNode storable = json(element);
                if (storable != element && copy == null) {
                    copy = JsonNodeFactory.instance.arrayNode(node.size());
                    for (int j = 0; j < i; j++) {
                        copy.add(node.get(j));
                    }
                }
                if (copy != null) {
                    copy.add(storable);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isObject()) {
            return storableObject(node);
        }
        return node;
    }

    private static JsonNode storableObject(JsonNode node) {
        boolean changed = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext() && !changed; ) {
            Map.Entry<String, JsonNode> field = fields.next();
            changed = text(field.getKey()) != field.getKey() || json(field.getValue()) != field.getValue();
        }
        if (!changed) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            copy.set(text(field.getKey()), json(field.getValue()));
        }
        return copy;
    }

    private static JsonNode storableNumber(JsonNode node) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return TextNode.valueOf(String.valueOf(node.doubleValue()));
        }
        if (node.isIntegralNumber() && !node.isBigInteger()) {
            return node; // int and long have at most 19 digits
        }
        BigDecimal value = node.decimalValue();
        // length of the plain form PostgreSQL writes back (sign, digits, point), computed without writing it out:
        // 1e131072 would be 131,073 characters
        long before = Math.max((long) value.precision() - value.scale(), 1);
        long after = Math.max(value.scale(), 0);
        long length = before + after + (after > 0 ? 1 : 0) + (value.signum() < 0 ? 1 : 0);
        return length > MAX_NUMBER_CHARACTERS ? TextNode.valueOf(value.toString()) : node;
    }
}
