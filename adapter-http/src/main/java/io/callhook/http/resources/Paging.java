package io.callhook.http.resources;

import io.callhook.core.port.in.CallhookQueries.Page;
import io.callhook.http.api.ListView;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a paged query into a {@link ListView} whose {@code next_offset} is exact: it is {@code null} only when nothing
 * follows. One more row than asked is fetched to know; at the largest page size, where that is not allowed, a second
 * one-row query peeks (only when the page is full).
 */
final class Paging {

    private Paging() {
    }

    static <T, V> ListView<V> list(Page page, Function<Page, List<T>> query, Function<T, V> view) {
        List<T> rows;
        boolean more;
        if (page.limit() < Page.MAX_LIMIT) {
            List<T> fetched = query.apply(new Page(page.offset(), page.limit() + 1));
            more = fetched.size() > page.limit();
            rows = more ? fetched.subList(0, page.limit()) : fetched;
        } else {
            rows = query.apply(page);
            more = rows.size() == page.limit()
                    && (long) page.offset() + page.limit() <= Integer.MAX_VALUE
                    && !query.apply(new Page(page.offset() + page.limit(), 1)).isEmpty();
        }
        Integer next = more && (long) page.offset() + rows.size() <= Integer.MAX_VALUE
                ? page.offset() + rows.size() : null;
        return new ListView<>(rows.stream().map(view).toList(), page.offset(), page.limit(), next);
    }

    /** The same page of a list already in memory. */
    static <T, V> ListView<V> list(Page page, List<T> all, Function<T, V> view) {
        int from = (int) Math.min(all.size(), (long) page.offset());
        int to = (int) Math.min(all.size(), (long) from + page.limit());
        Integer next = to < all.size() ? to : null;
        return new ListView<>(all.subList(from, to).stream().map(view).toList(), page.offset(), page.limit(), next);
    }
}
