package io.callhook.acceptance.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading the API's JSON views in tests. */
public final class Views {

    private Views() {
    }

    /** The {@code items} of a 200 list answer. */
    public static List<JsonNode> items(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.json().path("items").forEach(items::add);
        return items;
    }

    /**
     * A campaign view's counters as one map: {@code processed}, {@code successful} and every outcome counter that is
     * not zero (so expectations list only what happened).
     */
    public static Map<String, Long> counters(JsonNode campaign) {
        JsonNode counters = campaign.path("counters");
        Map<String, Long> all = nonZero(counters.path("by_outcome"));
        all.put("processed", counters.path("processed").asLong());
        all.put("successful", counters.path("successful").asLong());
        return all;
    }

    /** The entries of a JSON object of counts that are not zero. */
    public static Map<String, Long> nonZero(JsonNode counts) {
        Map<String, Long> nonZero = new HashMap<>();
        counts.properties().forEach(e -> {
            if (e.getValue().asLong() != 0) {
                nonZero.put(e.getKey(), e.getValue().asLong());
            }
        });
        return nonZero;
    }
}
