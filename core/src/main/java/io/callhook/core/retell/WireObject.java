package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One JSON object of a delivery together with its path in the body, read with the parser's tolerance rules:
 * <ul>
 *   <li>an absent field and a JSON {@code null} are the same thing: absent ({@code null} is returned);</li>
 *   <li>a present field of the wrong JSON type fails with a {@link MalformedFieldException} naming its full path, because
 *       silently dropping it would hide a protocol change we need to hear about;</li>
 *   <li>unknown fields are ignored (they stay available in {@link #node()}).</li>
 * </ul>
 */
final class WireObject {

    /** Path of the whole body in {@link ParseResult.Malformed#fieldPath()}. */
    static final String ROOT = "$";

    private final JsonNode node;
    private final String path;

    private WireObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The body itself, which must be a JSON object. */
    static WireObject root(JsonNode body) {
        if (!body.isObject()) {
            throw new MalformedFieldException(ROOT, "body must be a JSON object, found " + kind(body));
        }
        return new WireObject(body, "");
    }

    /** The object as received, unknown fields included. */
    JsonNode node() {
        return node;
    }

    /** The value under {@code key} in any JSON type, or {@code null} when absent or JSON {@code null}. */
    JsonNode raw(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String key) {
        return raw(key) != null;
    }

    /** A string that must be present and not blank: identifiers and the event name. */
    String requiredId(String key) {
        String value = requiredText(key);
        if (value.isBlank()) {
            throw new MalformedFieldException(path(key), "must not be empty");
        }
        return value;
    }

    /** A string that must be present (it may be empty: phone numbers are not validated). */
    String requiredText(String key) {
        String value = text(key);
        if (value == null) {
            throw missing(key);
        }
        return value;
    }

    /** An optional identifier; a blank one counts as absent so that no one keys data on {@code ""}. */
    String optionalId(String key) {
        String value = text(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** An optional string. */
    String text(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(key, "a string", value);
        }
        return value.textValue();
    }

    /** An optional string that also accepts other scalars in their JSON spelling ({@code 204}, {@code true}). */
    String scalarText(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw wrongType(key, "a string", value);
        }
        return value.asText();
    }

    /** An optional boolean. */
    Boolean bool(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(key, "true or false", value);
        }
        return value.booleanValue();
    }

    /** An optional whole number that fits a {@code long} ({@code 5} and {@code 5.0} qualify, {@code 5.5} does not). */
    Long longValue(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        try {
            return number(key, value).longValueExact();
        } catch (ArithmeticException notWholeOrTooBig) {
            throw new MalformedFieldException(path(key), "must be a whole number, found " + value.asText());
        }
    }

    /** An optional whole number that fits an {@code int}. */
    Integer intValue(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        try {
            return number(key, value).intValueExact();
        } catch (ArithmeticException notWholeOrTooBig) {
            throw new MalformedFieldException(path(key), "must be a whole number, found " + value.asText());
        }
    }

    /** Latest timestamp accepted: the end of year 9999, far inside what PostgreSQL's {@code timestamptz} can hold. */
    private static final long MAX_EPOCH_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    /**
     * An optional epoch-milliseconds timestamp from 1970 to the end of year 9999. Anything else is no moment of a call,
     * and a store could not hold it (PostgreSQL refuses years past 294276), so it is malformed here, where the event is
     * kept as rejected with the reason, instead of failing every attempt to store the call.
     */
    Instant epochMillis(String key) {
        Long millis = longValue(key);
        if (millis == null) {
            return null;
        }
        if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
            throw new MalformedFieldException(path(key),
                    "must be epoch milliseconds from 1970 to the end of year 9999, found " + millis);
        }
        return Instant.ofEpochMilli(millis);
    }

    /** An optional number, exactly as written (the parser reads floats as {@link BigDecimal}, so cents stay exact). */
    BigDecimal decimal(String key) {
        JsonNode value = raw(key);
        return value == null ? null : number(key, value);
    }

    /** An optional enumeration read with its never-failing {@code fromWire}. */
    <E> E wireEnum(String key, Function<String, E> fromWire) {
        String value = text(key);
        return value == null ? null : fromWire.apply(value);
    }

    /** An optional array, kept as raw JSON. */
    JsonNode array(String key) {
        JsonNode value = raw(key);
        if (value != null && !value.isArray()) {
            throw wrongType(key, "an array", value);
        }
        return value;
    }

    /** An optional nested object, or {@code null}. */
    WireObject object(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(key, "an object", value);
        }
        return new WireObject(value, path(key));
    }

    /** A nested object that must be present. */
    WireObject requiredObject(String key) {
        WireObject value = object(key);
        if (value == null) {
            throw missing(key);
        }
        return value;
    }

    /** An optional array of objects; empty when absent. Elements are addressed as {@code key[i]}. */
    List<WireObject> objects(String key) {
        JsonNode array = array(key);
        List<WireObject> elements = new ArrayList<>();
        if (array == null) {
            return elements;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String elementPath = path(key) + "[" + i + "]";
            if (!element.isObject()) {
                throw new MalformedFieldException(elementPath, "must be an object, found " + kind(element));
            }
            elements.add(new WireObject(element, elementPath));
        }
        return elements;
    }

    /**
     * An optional object of string values; empty when absent. Other scalars are kept in their JSON spelling (Retell's
     * variables are strings, but a {@code 3} is still meaningful), {@code null} entries are dropped, and a nested
     * object or array fails: it has no string form a consumer could rely on.
     */
    Map<String, String> stringMap(String key) {
        WireObject map = object(key);
        Map<String, String> values = new LinkedHashMap<>();
        if (map == null) {
            return values;
        }
        map.node.fieldNames().forEachRemaining(name -> {
            String value = map.scalarText(name);
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    private BigDecimal number(String key, JsonNode value) {
        if (!value.isNumber()) {
            throw wrongType(key, "a number", value);
        }
        return value.decimalValue();
    }

    private String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private MalformedFieldException missing(String key) {
        return new MalformedFieldException(path(key), "required field is missing");
    }

    private MalformedFieldException wrongType(String key, String expected, JsonNode found) {
        return new MalformedFieldException(path(key), "must be " + expected + ", found " + kind(found));
    }

    /** The JSON type of a value in words, for messages. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "an unsupported value";
        };
    }
}
