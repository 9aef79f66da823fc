package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One page of a list: {@code {"items":[..],"offset":0,"limit":50,"next_offset":50}}. {@code next_offset} is the offset of
 * the next page, or {@code null} when this page is the last.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ListView<T>(List<T> items, int offset, int limit, Integer nextOffset) {

    public ListView {
        items = List.copyOf(items);
    }
}
