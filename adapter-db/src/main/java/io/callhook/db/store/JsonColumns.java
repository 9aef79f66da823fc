package io.callhook.db.store;

import io.callhook.db.StorableValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code jsonb} ↔ Jackson. The mapper is configured like {@code RetellEventParser}'s (floats as {@code BigDecimal} with
 * their written scale), so a tree read back from the database equals the tree the parser produced: {@code 5.110} comes
 * back as the same {@code DecimalNode}, not as a {@code DoubleNode}. jsonb keeps the scale of numbers but not key order
 * (which {@code JsonNode} equality ignores) nor exponent notation: {@code 1e-05} comes back as the equal
 * {@code 0.00001}, but a positive exponent such as {@code 1e+16} comes back as the integer {@code 10000000000000000},
 * a {@code LongNode} that does not equal the parser's {@code DecimalNode}.
 *
 * <p>Values go to the database as text and are cast there ({@code CAST(:x AS jsonb)}).
 */
final class JsonColumns {

    /** withExactBigDecimals is deprecated but kept: the parser sets it, and the point is to match the parser. */
    @SuppressWarnings("deprecation")
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final TypeReference<Map<String, Integer>> RANKS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    private JsonColumns() {
    }

    /**
     * JSON text of a tree made storable by {@link StorableValues#json} (event content may hold what {@code jsonb}
     * refuses or Jackson cannot read back); {@code null} (SQL NULL) for {@code null}, {@code "null"} for a JSON null node.
     */
    static String write(JsonNode node) {
        return node == null ? null : text(StorableValues.json(node));
    }

    static String writeRanks(Map<String, Integer> ranks) {
        return text(ranks);
    }

    static String writeStrings(Map<String, String> values) {
        return text(values);
    }

    static JsonNode tree(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column " + column + " holds JSON Jackson cannot read", e);
        }
    }

    static Map<String, Integer> ranks(ResultSet rs, String column) throws SQLException {
        return read(rs, column, RANKS);
    }

    static Map<String, String> strings(ResultSet rs, String column) throws SQLException {
        return read(rs, column, STRINGS);
    }

    private static <T> T read(ResultSet rs, String column, TypeReference<T> type) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column " + column + " holds JSON Jackson cannot read as " + type.getType(),
                    e);
        }
    }

    private static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value.getClass().getName(), e);
        }
    }
}
