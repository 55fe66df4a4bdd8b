package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The site control file of every site, and the sessions that edit it.
 *
 * <p>The global (committed) copy of each site is an immutable sorted map of items, each with the version of
 * its last write; a write replaces the map. A session ({@code GetSessionHandle}) holds, per site, the copy it
 * loaded (at {@code RefreshSCF}, or at first use) and its own uncommitted edits, each remembering the version
 * it was based on. Reads with the session's handle see the copy with the edits; everybody else sees the
 * global copy. {@code CommitSCF} applies the edits of one site atomically, unless another writer has changed
 * an edited item since the session loaded it: then nothing is applied and the commit fails with
 * {@link #CONFLICT} (the edits stay, so the caller can {@code RefreshSCF} and redo them). Released handles
 * fail with {@code WBEM_E_INVALID_CONTEXT}. Thread-safe: global writes and commits are serialised.
 */
final class ScfSessions {
    /**
     * The code a conflicting commit fails with: WBEM_E_TRANSACTION_CONFLICT (0x8004106D, listed in
     * MS-WMI 2.2.11 as WBEM_E_RESERVED_001), the WBEM code that names the situation.
     */
    static final WbemStatus CONFLICT = WbemStatus.WBEM_E_RESERVED_001;

    /** One item of a site's control file and the version of its last write. */
    record Item(WmiObject object, long version) {
    }

    /** An uncommitted edit: the new object (null for a deletion) and the version it was based on (-1: new). */
    record Edit(WmiObject object, long baseVersion) {
    }

    /** A session's copy of one site's control file. */
    static final class SiteCopy {
        private final Map<String, Item> base;
        private final Map<String, Edit> edits = new TreeMap<>();

        SiteCopy(Map<String, Item> base) {
            this.base = base;
        }
    }

    /** A site control file session. Its state is guarded by the session object. */
    final class Session {
        private final String handle;
        private final Map<String, SiteCopy> copies = new TreeMap<>();
        private volatile boolean released;

        Session(String handle) {
            this.handle = handle;
        }

        String handle() {
            return handle;
        }

        private synchronized SiteCopy copy(String site) {
            return copies.computeIfAbsent(site, s -> new SiteCopy(global(s)));
        }

        /** @return the number of uncommitted edits of a site */
        synchronized int pending(String site) {
            SiteCopy c = copies.get(site);
            return c == null ? 0 : c.edits.size();
        }
    }

    private final Object writeLock = new Object();
    private final Map<String, Map<String, Item>> global = new ConcurrentHashMap<>();
    private final Map<String, Long> serials = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SplittableRandom handles;
    private long nextVersion = 1;

    ScfSessions(long seed) {
        this.handles = new SplittableRandom(seed ^ 0x5CF5E55107L);
    }

    // ---------------------------------------------------------------------------------- sessions

    /** @return a new session (GetSessionHandle) */
    Session open() {
        String handle;
        synchronized (handles) {
            handle = String.format(Locale.ROOT, "{%08X-%04X-%04X-%04X-%012X}", handles.nextInt(),
                    handles.nextInt(0x10000), 0x4000 | handles.nextInt(0x1000), 0x8000 | handles.nextInt(0x4000),
                    handles.nextLong() & 0xFFFF_FFFF_FFFFL);
        }
        Session s = new Session(handle);
        sessions.put(handle.toUpperCase(Locale.ROOT), s);
        return s;
    }

    /**
     * @param handle a session handle from a call's context
     * @return the session
     * @throws SimulatedFault {@code WBEM_E_INVALID_CONTEXT} when the handle was released or never issued
     */
    Session find(String handle) {
        Session s = sessions.get(handle.toUpperCase(Locale.ROOT));
        if (s == null || s.released) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_CONTEXT, "the SessionHandle " + handle
                    + " is not valid: it was released, or this provider never issued it");
        }
        return s;
    }

    /**
     * ReleaseSessionHandle.
     *
     * @param handle the handle
     * @throws SimulatedFault {@code WBEM_E_INVALID_PARAMETER} for an unknown or already released handle
     */
    void release(String handle) {
        Session s = sessions.remove(handle.toUpperCase(Locale.ROOT));
        if (s == null) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "the SessionHandle " + handle
                    + " is not an open session (already released, or never issued)");
        }
        s.released = true;
    }

    /** @return the number of open sessions */
    int openSessions() {
        return sessions.size();
    }

    /** RefreshSCF: the session reloads a site's control file from the global copy, dropping its edits. */
    void refresh(Session s, String site) {
        synchronized (s) {
            s.copies.put(site, new SiteCopy(global(site)));
        }
    }

    /**
     * CommitSCF: applies a session's edits of one site.
     *
     * @return the number of items written
     * @throws SimulatedFault {@link #CONFLICT} when another writer changed an edited item since the session
     *     loaded it (nothing is applied)
     */
    int commit(Session s, String site) {
        synchronized (s) {
            SiteCopy copy = s.copies.get(site);
            if (copy == null || copy.edits.isEmpty()) {
                return 0;
            }
            synchronized (writeLock) {
                Map<String, Item> current = global(site);
                List<String> conflicts = new ArrayList<>();
                copy.edits.forEach((key, edit) -> {
                    Item now = current.get(key);
                    long version = now == null ? -1 : now.version();
                    if (version != edit.baseVersion()) {
                        conflicts.add(describe(key, edit, now));
                    }
                });
                if (!conflicts.isEmpty()) {
                    throw new SimulatedFault(CONFLICT, "the site control file of site " + site + " was changed by"
                            + " another session or writer since this session loaded it; nothing was committed."
                            + " Conflicting items: " + String.join("; ", conflicts) + ". Call RefreshSCF and redo the edits");
                }
                Map<String, Item> next = new TreeMap<>(current);
                long version = nextVersion++;
                copy.edits.forEach((key, edit) -> {
                    if (edit.object() == null) {
                        next.remove(key);
                    } else {
                        next.put(key, new Item(edit.object(), version));
                    }
                });
                int written = copy.edits.size();
                publish(site, next);
                s.copies.put(site, new SiteCopy(global(site)));
                return written;
            }
        }
    }

    private static String describe(String key, Edit edit, Item now) {
        String name = edit.object() != null ? edit.object().className() + " " + itemName(edit.object())
                : now != null ? now.object().className() + " " + itemName(now.object()) : key;
        return name + (now == null ? " (deleted meanwhile)" : edit.baseVersion() < 0 ? " (created meanwhile)" : " (modified meanwhile)");
    }

    private static String itemName(WmiObject o) {
        return o.has("ItemName") ? String.valueOf(o.getString("ItemName")) : o.toString();
    }

    // ------------------------------------------------------------------------------------- views

    Map<String, Item> global(String site) {
        return global.getOrDefault(site, Collections.emptyMap());
    }

    /** @return the serial number of a site's control file (incremented by every global write) */
    long serial(String site) {
        return serials.getOrDefault(site, 1L);
    }

    /** @return the items of one class (exact class, lower-case name) of one site, as a call sees them */
    Stream<WmiObject> items(String site, String classKey, Session session) {
        String prefix = classKey + '\u0002';
        if (session == null) {
            return global(site).entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(e -> e.getValue().object());
        }
        List<WmiObject> out = new ArrayList<>();
        synchronized (session) {
            SiteCopy c = session.copy(site);
            Map<String, WmiObject> view = new TreeMap<>();
            c.base.forEach((k, item) -> view.put(k, item.object()));
            c.edits.forEach((k, edit) -> {
                if (edit.object() == null) {
                    view.remove(k);
                } else {
                    view.put(k, edit.object());
                }
            });
            view.forEach((k, o) -> {
                if (k.startsWith(prefix)) {
                    out.add(o);
                }
            });
        }
        return out.stream();
    }

    /** @return one item as a call sees it, or null */
    WmiObject item(String site, String itemKey, Session session) {
        if (session == null) {
            Item i = global(site).get(itemKey);
            return i == null ? null : i.object();
        }
        synchronized (session) {
            SiteCopy c = session.copy(site);
            Edit e = c.edits.get(itemKey);
            if (e != null) {
                return e.object();
            }
            Item i = c.base.get(itemKey);
            return i == null ? null : i.object();
        }
    }

    /**
     * Writes an item: into the session's copy when there is a session, else into the global copy.
     *
     * @param object the item, or null to delete
     */
    void write(String site, String itemKey, WmiObject object, Session session) {
        if (session != null) {
            synchronized (session) {
                SiteCopy c = session.copy(site);
                Edit previous = c.edits.get(itemKey);
                Item base = c.base.get(itemKey);
                long baseVersion = previous != null ? previous.baseVersion() : base == null ? -1 : base.version();
                c.edits.put(itemKey, new Edit(object, baseVersion));
            }
            return;
        }
        synchronized (writeLock) {
            Map<String, Item> next = new TreeMap<>(global(site));
            if (object == null) {
                next.remove(itemKey);
            } else {
                next.put(itemKey, new Item(object, nextVersion++));
            }
            publish(site, next);
        }
    }

    /** Changes an item of the global copy in place (engines such as the sync engine), as one write. */
    void update(String site, String itemKey, Consumer<WmiObject[]> change) {
        synchronized (writeLock) {
            Item i = global(site).get(itemKey);
            WmiObject[] holder = {i == null ? null : i.object()};
            change.accept(holder);
            write(site, itemKey, holder[0], null);
        }
    }

    private void publish(String site, Map<String, Item> next) {
        global.put(site, Collections.unmodifiableMap(next));
        serials.merge(site, 1L, (a, b) -> a + 1);
    }

    /** @return the key of an item in its site's map: class and normalised instance key */
    static String itemKey(WmiClass cls, String instanceKey) {
        return cls.name().toLowerCase(Locale.ROOT) + '\u0002' + instanceKey;
    }

    static String siteOf(WmiObject item) {
        CimValue v = item.get("SiteCode").orElse(null);
        return v == null ? null : v.asString().toUpperCase(Locale.ROOT);
    }
}
