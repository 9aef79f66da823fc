package io.callhook.core.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** The undo log of one in-memory unit of work: every write remembers how to take itself back. */
final class Journal {

    private final Deque<Runnable> undo = new ArrayDeque<>();

    <K, V> void put(Map<K, V> map, K key, V value) {
        boolean existed = map.containsKey(key);
        V previous = map.put(key, value);
        undo.push(existed ? () -> map.put(key, previous) : () -> map.remove(key));
    }

    <V> void append(List<V> list, V value) {
        list.add(value);
        undo.push(() -> list.remove(list.size() - 1));
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }
}
