package io.centrasync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Centra's events system, as its docs describe it: an integration registers listeners per object type (and change
 * types), changes of those objects queue events, {@code events} returns the oldest unconfirmed ones, the same ones
 * until they are confirmed, and {@code confirmEvents} removes them. Without a listener nothing is queued.
 */
final class EventQueue {

    /** One queued event; {@code object} is read when the event is read (the object's current state), null when deleted. */
    record SimEvent(int id, String objectType, String changeType, long objectReference, Instant createdAt, Supplier<Object> object) {
    }

    /** A registered listener; no change types: all of them. */
    record Listener(String objectType, List<String> changeTypes, Instant createdAt, Instant updatedAt) {
    }

    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final TreeMap<Integer, SimEvent> queued = new TreeMap<>();
    private int nextId = 1;

    /** Adds or replaces listeners (additive and idempotent); the listeners now. */
    synchronized List<Listener> set(List<Listener> added) {
        for (Listener l : added) {
            Listener before = listeners.get(l.objectType());
            listeners.put(l.objectType(), new Listener(l.objectType(), l.changeTypes(),
                    before == null ? l.createdAt() : before.createdAt(), l.updatedAt()));
        }
        return List.copyOf(listeners.values());
    }

    /** Removes the listeners of these object types and their queued events; the listeners now. */
    synchronized List<Listener> unset(Collection<String> objectTypes) {
        objectTypes.forEach(listeners::remove);
        queued.values().removeIf(e -> objectTypes.contains(e.objectType()));
        return List.copyOf(listeners.values());
    }

    synchronized List<Listener> listeners() {
        return List.copyOf(listeners.values());
    }

    /** Queues an event when a listener wants it. */
    synchronized void emit(String objectType, String changeType, long objectReference, Supplier<Object> object) {
        Listener l = listeners.get(objectType);
        if (l == null || !(l.changeTypes().isEmpty() || l.changeTypes().contains(changeType))) {
            return;
        }
        int id = nextId++;
        queued.put(id, new SimEvent(id, objectType, changeType, objectReference, Instant.now(), object));
    }

    /** The oldest unconfirmed events that pass the filter (null: any), at most {@code limit}. */
    synchronized List<SimEvent> unconfirmed(Set<String> objectTypes, Set<String> changeTypes, int limit) {
        List<SimEvent> out = new ArrayList<>();
        for (SimEvent e : queued.values()) {
            if (out.size() >= limit) {
                break;
            }
            if ((objectTypes == null || objectTypes.contains(e.objectType())) && (changeTypes == null || changeTypes.contains(e.changeType()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Removes these events (unknown ids are ignored); how many were queued. */
    synchronized int confirm(Collection<Integer> ids) {
        int confirmed = 0;
        for (Integer id : ids) {
            confirmed += queued.remove(id) == null ? 0 : 1;
        }
        return confirmed;
    }
}
