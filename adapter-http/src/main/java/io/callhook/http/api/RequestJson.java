package io.callhook.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * How API request bodies are read: exactly, or not at all. A field Jackson does not know is refused, not dropped; a
 * value of another JSON type is refused, not converted ({@code "name": 5} is not the name {@code "5"}, {@code "3"} is
 * not the number 3, {@code 2.5} is not the whole number 2); and text holding the NUL character, which PostgreSQL cannot
 * store, is refused naming its field. Each refusal is a {@link com.fasterxml.jackson.databind.JsonMappingException}
 * with the field's path, answered 422 by {@code ErrorMapper}.
 */
public final class RequestJson {

    private RequestJson() {
    }

    /**
     * Registers the NUL check. Call it before the mapper reads anything: Jackson caches the deserializer it found for
     * {@code String} and keeps that cache across later module registrations.
     */
    public static void registerTextRule(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("callhook-request-text")
                .addDeserializer(String.class, new NulFreeString())
                .addKeyDeserializer(String.class, new NulFreeKey()));
    }

    /**
     * Switches off unknown fields and scalar coercion. Call it after the configuration is read (the YAML reader uses
     * the same mapper, and environment variables arrive there as text).
     */
    public static void refuseUnknownFieldsAndCoercion(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

    private static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    private static final class NulFreeString extends StdScalarDeserializer<String> {
        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (hasNul(value)) {
                return (String) context.handleWeirdStringValue(String.class, value, "contains NUL");
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Text, or a JSON number or boolean taken as its text (for agent variables); NUL refused like any text. */
    public static final class ScalarAsText extends StdScalarDeserializer<String> {
        public ScalarAsText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken().isScalarValue() && !parser.currentToken().isStructStart()
                    && parser.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            return new NulFreeString().deserialize(parser, context);
        }
    }

    private static final class NulFreeKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (hasNul(key)) {
                return context.handleWeirdKey(String.class, key, "contains NUL");
            }
            return key;
        }
    }
}
