package io.github.cm4j.updates;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.BoundedLists;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.UpdateCategoryInstance;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Products and update classifications ({@code SMS_UpdateCategoryInstance}): name to ID lookups, and the typed
 * way to add or remove them from what the software update point synchronizes, as
 * {@code Set-CMSoftwareUpdatePointComponent -AddProduct/-RemoveProduct/-AddUpdateClassification/
 * -RemoveUpdateClassification} do. Obtain it from {@link ConfigMgr#updateCategories()}.
 *
 * <pre>{@code
 * UpdateCategories c = cm.updateCategories();
 * long win11 = c.id(UpdateCategoryType.PRODUCT, "Windows 11");          // CategoryInstanceID
 * c.subscribe(UpdateCategoryType.PRODUCT, List.of("Windows 11"));         // synchronized from the next sync on
 * c.unsubscribe(UpdateCategoryType.CLASSIFICATION, List.of("Tools"));
 * }</pre>
 *
 * <p>Names are matched as the provider's {@code LocalizedCategoryInstanceName}, ignoring case; an unknown name is
 * refused with {@link UnknownCategoryException}, which names the closest ones. Subscribing writes
 * {@code IsSubscribed} of each changed instance by a partial put (only that property), the access the SDK page
 * documents as Read/Write (see the schema README, Decisions 9); the site applies it from its next
 * synchronization. Thread-safe; each method is one ExecQuery plus one PutInstance per changed category.
 */
public final class UpdateCategories {
    static final String CLASS = "SMS_UpdateCategoryInstance";
    private static final int MAX_CATEGORIES = 100_000; // a real catalog has a few thousand
    private final ProviderClient client;

    /** Through {@link ConfigMgr#updateCategories()}; package-private so that no public constructor takes internals. */
    UpdateCategories(ProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Every category of a type (one ExecQuery), ordered by name.
     *
     * @param type products or classifications
     * @return the categories, unmodifiable
     */
    public List<UpdateCategoryInstance> list(UpdateCategoryType type) {
        Objects.requireNonNull(type, "type");
        List<UpdateCategoryInstance> all = new ArrayList<>(BoundedLists.collect(client.query(UpdateCategoryInstance.class,
                Wql.select("*").from(CLASS).where(Criteria.eq("CategoryTypeName", type.typeName())).build(),
                WmiContext.empty()), MAX_CATEGORIES, "list " + CLASS, "ConfigMgr.query"));
        all.sort(Comparator.comparing(c -> c.localizedCategoryInstanceName().toLowerCase(Locale.ROOT)));
        return List.copyOf(all);
    }

    /**
     * The category of a type with this name (one ExecQuery).
     *
     * @param type products or classifications
     * @param name the name, e.g. {@code "Windows 11"}, {@code "Security Updates"}; case is ignored
     * @return the category
     * @throws UnknownCategoryException if none has that name; the message names the closest ones
     */
    public UpdateCategoryInstance find(UpdateCategoryType type, String name) {
        return resolve(type, List.of(name)).get(0);
    }

    /**
     * The {@code CategoryInstanceID} of a category (one ExecQuery).
     *
     * @param type products or classifications
     * @param name the name; case is ignored
     * @return its ID
     * @throws UnknownCategoryException if none has that name
     */
    public long id(UpdateCategoryType type, String name) {
        return find(type, name).categoryInstanceId();
    }

    /**
     * Adds categories to what the software update point synchronizes ({@code -AddProduct}). Every name is
     * resolved before anything is written; categories already subscribed are left alone.
     *
     * @param type products or classifications
     * @param names the names; case is ignored
     * @return the categories changed, as written (empty when all were subscribed already)
     * @throws UnknownCategoryException if a name is unknown (nothing is written)
     * @throws ConfigMgrException if a category does not allow subscription ({@code AllowSubscription} false;
     *     nothing is written)
     */
    public List<UpdateCategoryInstance> subscribe(UpdateCategoryType type, Collection<String> names) {
        return setSubscribed(type, names, true);
    }

    /**
     * Removes categories from what the software update point synchronizes ({@code -RemoveProduct}); see
     * {@link #subscribe}.
     *
     * @param type products or classifications
     * @param names the names; case is ignored
     * @return the categories changed, as written (empty when none was subscribed)
     * @throws UnknownCategoryException if a name is unknown (nothing is written)
     */
    public List<UpdateCategoryInstance> unsubscribe(UpdateCategoryType type, Collection<String> names) {
        return setSubscribed(type, names, false);
    }

    private List<UpdateCategoryInstance> setSubscribed(UpdateCategoryType type, Collection<String> names, boolean on) {
        List<UpdateCategoryInstance> targets = resolve(type, names);
        if (on) {
            for (UpdateCategoryInstance c : targets) {
                if (!c.allowSubscription()) {
                    throw new ConfigMgrException("the " + type.label() + " '" + c.localizedCategoryInstanceName()
                            + "' (" + c.categoryInstanceId() + ") does not allow subscription (AllowSubscription is false)");
                }
            }
        }
        List<UpdateCategoryInstance> changed = new ArrayList<>();
        for (UpdateCategoryInstance c : targets) {
            if (c.isSubscribed() == on || changed.stream().anyMatch(x -> x.categoryInstanceId() == c.categoryInstanceId())) {
                continue;
            }
            ObjectPath path = ObjectPath.of(CLASS, Map.of("CategoryInstanceID", c.categoryInstanceId()));
            // a partial put of IsSubscribed alone: the lazy LocalizedInformation and the rest stay as the site has them
            WmiObject current = client.get(path, WmiContext.empty());
            client.put(current.with("IsSubscribed", on), PutMode.UPDATE_ONLY,
                    ProviderClient.partialPutContext(WmiContext.empty(), List.of("IsSubscribed")));
            changed.add(c.withSubscribed(on));
        }
        return List.copyOf(changed);
    }

    /** Resolves every name (one ExecQuery), refusing the first unknown one with the closest names. */
    private List<UpdateCategoryInstance> resolve(UpdateCategoryType type, Collection<String> names) {
        Objects.requireNonNull(type, "type");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no " + type.label() + " name given");
        }
        List<UpdateCategoryInstance> all = list(type);
        Map<String, UpdateCategoryInstance> byName = new LinkedHashMap<>();
        for (UpdateCategoryInstance c : all) {
            byName.putIfAbsent(c.localizedCategoryInstanceName().toLowerCase(Locale.ROOT), c);
        }
        List<UpdateCategoryInstance> out = new ArrayList<>();
        for (String name : names) {
            Objects.requireNonNull(name, "name");
            UpdateCategoryInstance c = byName.get(name.trim().toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new UnknownCategoryException(type, name, closest(name, all.stream()
                        .map(UpdateCategoryInstance::localizedCategoryInstanceName).toList()), siteOf(all));
            }
            out.add(c);
        }
        return out;
    }

    private static String siteOf(List<UpdateCategoryInstance> all) {
        return all.isEmpty() ? "(no categories)" : all.get(0).sourceSite();
    }

    /**
     * The up to five known names closest to {@code name}: those containing it (or contained in it) first, then
     * by edit distance, within a distance of half the name's length.
     */
    static List<String> closest(String name, List<String> known) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String k : known) {
            String l = k.toLowerCase(Locale.ROOT);
            int d = l.contains(n) || (n.length() >= 4 && n.contains(l)) ? 0 : distance(n, l);
            if (d <= Math.max(2, n.length() / 2)) {
                scored.add(new Scored(k, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return scored.stream().map(Scored::name).distinct().limit(5).toList();
    }

    /** Levenshtein distance; the names are short (catalog names, bounded by SizeLimit 512 at most). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
