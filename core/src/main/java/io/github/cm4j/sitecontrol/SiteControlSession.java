package io.github.cm4j.sitecontrol;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.EmbeddedProperty;
import io.github.cm4j.model.EmbeddedPropertyHolder;
import io.github.cm4j.model.EmbeddedPropertyList;
import io.github.cm4j.model.Models;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SciSiteDefinition;
import io.github.cm4j.model.SiteControlItem;
import io.github.cm4j.model.WmiModel;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An edit session on a site's control file, the way the SMS Provider requires it: a session handle
 * ({@code SMS_SiteControlFile.GetSessionHandle}), a private copy of the site's control file
 * ({@code RefreshSCF}), reads and puts that carry the {@code SessionHandle} context value, an atomic
 * {@code CommitSCF}, and {@code ReleaseSessionHandle} on {@link #close()} — also when the body throws.
 *
 * <pre>{@code
 * try (SiteControlSession scf = cm.siteControl().open("PS1")) {
 *     SciComponent sync = scf.component("SMS_WSUS_SYNC_MANAGER");
 *     scf.put(sync.withProperty("Sync ExpressFiles", 1));
 *     scf.diff().forEach(System.out::println);     // what commit will change
 *     scf.commit();                                 // ScfConflictException if someone else changed it
 * }
 * }</pre>
 *
 * <p>Edits ({@link #put}) go to the session's copy at once and become visible to others only at
 * {@link #commit()}. Closing without committing drops them. A session is meant for one thread; its
 * methods are synchronized, so sharing one is safe but serialises the calls.
 */
public final class SiteControlSession implements AutoCloseable {
    private static final ObjectPath SCF_CLASS = ObjectPath.ofClass("SMS_SiteControlFile");

    private final ProviderClient client;
    private final String siteCode;
    private final String sessionHandle;
    private final WmiContext context;
    /** Items as the session loaded them (the base of diff and of conflict reports), by item key. */
    private final Map<String, Object> loaded = new LinkedHashMap<>();
    /** Items this session wrote since the last refresh or commit, by item key. */
    private final Map<String, Object> staged = new LinkedHashMap<>();
    private boolean closed;

    private SiteControlSession(ProviderClient client, String siteCode, String sessionHandle) {
        this.client = client;
        this.siteCode = siteCode;
        this.sessionHandle = sessionHandle;
        this.context = WmiContext.empty().with(WmiContext.SESSION_HANDLE, sessionHandle);
    }

    /**
     * Opens a session: GetSessionHandle, then RefreshSCF(siteCode). The handle is released if the refresh
     * fails.
     */
    static SiteControlSession open(ProviderClient client, String siteCode) {
        Objects.requireNonNull(siteCode, "siteCode");
        if (!siteCode.matches("[A-Za-z0-9]{3}")) {
            throw new IllegalArgumentException("a site code is three letters or digits, not '" + siteCode + "'");
        }
        WmiObject out = client.invoke(SCF_CLASS, "GetSessionHandle", Map.of(), WmiContext.empty());
        String handle = out.getString("SessionHandle");
        if (handle == null || handle.isEmpty()) {
            throw new ConfigMgrException("SMS_SiteControlFile.GetSessionHandle returned no SessionHandle");
        }
        SiteControlSession session = new SiteControlSession(client, siteCode.toUpperCase(java.util.Locale.ROOT), handle);
        try {
            session.refresh();
        } catch (RuntimeException e) {
            try {
                session.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return session;
    }

    /**
     * The site whose control file this session edits.
     *
     * @return the site code, upper case
     */
    public String siteCode() {
        return siteCode;
    }

    /**
     * Whether the session was closed; a closed session refuses every call but {@link #close()}.
     *
     * @return whether {@link #close()} was called
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Reloads the session's copy of the site control file (RefreshSCF), dropping uncommitted edits: the way
     * to start over after an {@link ScfConflictException}.
     *
     * @throws IllegalStateException if the session is closed
     * @throws io.github.cm4j.MethodFailedException if the provider refuses the refresh
     */
    public synchronized void refresh() {
        checkOpen();
        client.invoke(SCF_CLASS, "RefreshSCF", ProviderClient.args("SiteCode", siteCode), context);
        loaded.clear();
        staged.clear();
    }

    /**
     * The component on the site server (the only one of that name, or the one on the site server when the
     * component runs on several servers). One ExecQuery with the session handle.
     *
     * @param componentName e.g. {@code SMS_WSUS_SYNC_MANAGER}
     * @return the component as the session's copy has it
     * @throws NoSuchElementException when the site control file has no such component
     * @throws IllegalArgumentException when the component runs on several servers, none of them the site
     *     server (the message lists them; use {@link #component(String, String)})
     * @throws IllegalStateException if the session is closed
     */
    public synchronized SciComponent component(String componentName) {
        List<SciComponent> all = components(componentName);
        if (all.size() == 1) {
            return all.get(0);
        }
        return all.stream().filter(c -> c.itemName().endsWith("|SMS Site Server")).findFirst().orElseThrow(() ->
                new IllegalArgumentException("component " + componentName + " of site " + siteCode + " is on several"
                        + " servers; name one: " + all.stream().map(SciComponent::itemName).toList()));
    }

    /**
     * The component on a given server. One ExecQuery with the session handle.
     *
     * @param componentName e.g. {@code SMS_SITE_SYSTEM_STATUS_SUMMARIZER}
     * @param server the server as {@code Name} or the {@code ItemName} suffix gives it (e.g. {@code SMS Site Server})
     * @return the component
     * @throws NoSuchElementException when the site control file has no such component on that server
     * @throws IllegalStateException if the session is closed
     */
    public synchronized SciComponent component(String componentName, String server) {
        Objects.requireNonNull(server, "server");
        List<SciComponent> all = components(componentName);
        return all.stream().filter(c -> c.name().equalsIgnoreCase(server)
                        || c.itemName().toLowerCase(java.util.Locale.ROOT).endsWith("|" + server.toLowerCase(java.util.Locale.ROOT)))
                .findFirst().orElseThrow(() -> new NoSuchElementException("component " + componentName + " of site "
                        + siteCode + " is not on server '" + server + "'; it is on: " + all.stream().map(SciComponent::itemName).toList()));
    }

    private List<SciComponent> components(String componentName) {
        Objects.requireNonNull(componentName, "componentName");
        checkOpen();
        List<SciComponent> all;
        try (Stream<SciComponent> s = client.query(SciComponent.class, Wql.select("*").from("SMS_SCI_Component")
                .where(Criteria.and(Criteria.eq("SiteCode", siteCode), Criteria.eq("ComponentName", componentName)))
                .build(), context)) {
            all = s.toList();
        }
        if (all.isEmpty()) {
            throw new NoSuchElementException("the site control file of " + siteCode + " has no component " + componentName);
        }
        // The query carries the handle, so it returns the session's copy (this session's puts included).
        all.forEach(c -> loaded.putIfAbsent(key(c), c));
        return all;
    }

    /**
     * Every component of the site as the session's copy has it (one ExecQuery with the session handle).
     *
     * @return the components
     * @throws IllegalStateException if the session is closed
     */
    public synchronized List<SciComponent> components() {
        checkOpen();
        try (Stream<SciComponent> s = client.query(SciComponent.class, Wql.select("*").from("SMS_SCI_Component")
                .where(Criteria.eq("SiteCode", siteCode)).build(), context)) {
            List<SciComponent> all = s.toList();
            all.forEach(c -> loaded.putIfAbsent(key(c), c));
            return all;
        }
    }

    /**
     * The site definition item ({@code SMS_SCI_SiteDefinition}) of the site as the session's copy has it
     * (one ExecQuery with the session handle).
     *
     * @return the site definition
     * @throws NoSuchElementException when the site control file has no site definition
     * @throws IllegalStateException if the session is closed
     */
    public synchronized SciSiteDefinition siteDefinition() {
        checkOpen();
        try (Stream<SciSiteDefinition> s = client.query(SciSiteDefinition.class, Wql.select("*")
                .from("SMS_SCI_SiteDefinition").where(Criteria.eq("SiteCode", siteCode)).build(), context)) {
            SciSiteDefinition d = s.findFirst().orElseThrow(() ->
                    new NoSuchElementException("the site control file of " + siteCode + " has no site definition"));
            loaded.putIfAbsent(key(d), d);
            return d;
        }
    }

    /**
     * Writes an edited item to the session's copy (PutInstance with the session handle). Nothing is visible
     * to others before {@link #commit()}.
     *
     * @param item a component or site definition of this site, usually edited with
     *             {@code withProperty(...)} / {@code withPropertyList(...)}
     * @param <T> the item type
     * @throws IllegalArgumentException if the item belongs to another site
     * @throws IllegalStateException if the session is closed
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} if the item is not in the site control
     *     file (a session edits items, it does not create them)
     */
    public synchronized <T extends SiteControlItem & EmbeddedPropertyHolder<T>> void put(T item) {
        Objects.requireNonNull(item, "item");
        checkOpen();
        if (!item.siteCode().equalsIgnoreCase(siteCode)) {
            throw new IllegalArgumentException("item " + item.itemName() + " belongs to site " + item.siteCode()
                    + "; this session edits the site control file of " + siteCode);
        }
        String key = key(item);
        if (!loaded.containsKey(key)) {
            // The base of diff() and of conflict reports is the session's copy before this session's first write.
            loaded.put(key, Models.bind(item.getClass(), client.get(Models.toWmiObject(item).path(), context)));
        }
        client.putGuarded(Models.toWmiObject(item), PutMode.UPDATE_ONLY, context,
                io.github.cm4j.model.LazyWritePolicy.LEAVE_UNTOUCHED);
        staged.put(key, item);
    }

    /**
     * What {@link #commit()} will change: every property, property list or plain property of an item this
     * session wrote whose value differs from what the session loaded. No provider call.
     *
     * @return the changes, item by item
     * @throws IllegalStateException if the session is closed
     */
    public synchronized List<ScfChange> diff() {
        checkOpen();
        List<ScfChange> changes = new ArrayList<>();
        for (Map.Entry<String, Object> e : staged.entrySet()) {
            Map<String, String> before = flatten(loaded.get(e.getKey()));
            Map<String, String> after = flatten(e.getValue());
            Set<String> names = new LinkedHashSet<>(before.keySet());
            names.addAll(after.keySet());
            String item = ((SiteControlItem) e.getValue()).itemName();
            for (String n : names) {
                if (!Objects.equals(before.get(n), after.get(n))) {
                    changes.add(new ScfChange(item, n, Optional.ofNullable(before.get(n)), Optional.ofNullable(after.get(n))));
                }
            }
        }
        return changes;
    }

    /**
     * Applies the session's edits atomically (CommitSCF with the session handle).
     *
     * @return the changes applied (as {@link #diff()} gave them)
     * @throws ScfConflictException when someone else changed an edited item since the session loaded it;
     *                              nothing is applied and the edits stay in the session
     * @throws IllegalStateException if the session is closed
     */
    public synchronized List<ScfChange> commit() {
        checkOpen();
        List<ScfChange> changes = diff();
        try {
            client.invoke(SCF_CLASS, "CommitSCF", ProviderClient.args("SiteCode", siteCode), context);
        } catch (WmiException e) {
            if (e.hresult() == WbemStatus.WBEM_E_RESERVED_001.code()) {
                throw new ScfConflictException(siteCode, conflicts(), e);
            }
            throw e;
        }
        loaded.putAll(staged);
        staged.clear();
        return changes;
    }

    /** Reads the committed copy (no session handle) of every staged item and compares three ways. */
    private List<ScfConflict> conflicts() {
        List<ScfConflict> result = new ArrayList<>();
        for (Map.Entry<String, Object> e : staged.entrySet()) {
            Object ours = e.getValue();
            Object base = loaded.get(e.getKey());
            ObjectPath path = Models.toWmiObject((WmiModel) ours).path();
            Map<String, String> theirs = client.find(path, WmiContext.empty())
                    .map(o -> flatten(Models.bind(((WmiModel) ours).getClass(), o)))
                    .orElse(Map.of());
            Map<String, String> b = flatten(base);
            Map<String, String> o = flatten(ours);
            Set<String> names = new LinkedHashSet<>(b.keySet());
            names.addAll(o.keySet());
            names.addAll(theirs.keySet());
            String item = ((SiteControlItem) ours).itemName();
            for (String n : names) {
                boolean weChanged = !Objects.equals(b.get(n), o.get(n));
                boolean theyChanged = !Objects.equals(b.get(n), theirs.get(n));
                if (weChanged && theyChanged && !Objects.equals(o.get(n), theirs.get(n))) {
                    result.add(new ScfConflict(item, n, Optional.ofNullable(b.get(n)), Optional.ofNullable(o.get(n)),
                            Optional.ofNullable(theirs.get(n))));
                }
            }
        }
        return result;
    }

    /**
     * Ends the session (ReleaseSessionHandle); uncommitted edits are dropped. Idempotent. When it runs at
     * the end of a try-with-resources body that threw, a failure to release is added to that exception as
     * suppressed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.invoke(SCF_CLASS, "ReleaseSessionHandle", ProviderClient.args("SessionHandle", sessionHandle),
                WmiContext.empty());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the site control session of " + siteCode + " is closed");
        }
    }

    private static String key(Object item) {
        return Models.toWmiObject((WmiModel) item).path().canonical().toString();
    }

    /** The comparable values of an item: embedded properties, property lists (name + "[]") and plain properties. */
    private static Map<String, String> flatten(Object item) {
        Map<String, String> values = new LinkedHashMap<>();
        if (item == null) {
            return values;
        }
        EmbeddedPropertyHolder<?> holder = (EmbeddedPropertyHolder<?>) item;
        for (EmbeddedProperty p : holder.props()) {
            values.put(p.propertyName(), render(p));
        }
        for (EmbeddedPropertyList l : holder.propLists()) {
            values.put(l.propertyListName() + "[]", l.values().toString());
        }
        if (item instanceof SciComponent c) {
            values.put("Flag", c.flag().toString());
            values.put("Name", c.name());
        }
        return values;
    }

    private static String render(EmbeddedProperty p) {
        String v = Integer.toUnsignedString(p.value());
        return p.value1().isEmpty() && p.value2().isEmpty() ? v : v + " \"" + p.value1() + "\" \"" + p.value2() + "\"";
    }

    /**
     * Describes the session without its handle.
     *
     * @return e.g. {@code SiteControlSession[PS1, 1 item edited]}
     */
    @Override
    public synchronized String toString() {
        return "SiteControlSession[" + siteCode + (closed ? ", closed" : ", " + staged.size() + " item"
                + (staged.size() == 1 ? "" : "s") + " edited") + "]";
    }
}
