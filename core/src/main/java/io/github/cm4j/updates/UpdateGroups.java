package io.github.cm4j.updates;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.BoundedLists;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Update groups ({@code SMS_AuthorizationList}, "software update groups" in the console): list, read,
 * create with updates, add and remove updates, delete. Obtain it from {@link ConfigMgr#updateGroups()}.
 * Thread-safe. Membership edits read the group with its lazy {@code Updates} first and write it back whole,
 * so nothing is lost (two provider calls; concurrent editors of one group: the last write wins, as in the
 * console). Methods taking a {@code CI_ID} reject values outside 1..4294967295 with an
 * {@link IllegalArgumentException} before any call.
 */
public final class UpdateGroups {
    private static final String CLASS = "SMS_AuthorizationList";
    /** LocaleID of the localized properties cm4j writes: 1033 (English), as the SDK samples do. */
    public static final long DEFAULT_LOCALE_ID = 1033;

    private final ProviderClient client;

    /** Through {@link ConfigMgr#updateGroups()}; package-private so that no public constructor takes internals. */
    UpdateGroups(ProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Every update group, lazy properties not loaded (one ExecQuery; close the stream).
     *
     * @return every update group
     */
    public Stream<AuthorizationList> list() {
        return client.query(AuthorizationList.class, Wql.select("*").from(CLASS).build(), WmiContext.empty());
    }

    /**
     * Every update group as a list, at most {@value SoftwareUpdates#DEFAULT_MAX_RESULTS} (one ExecQuery; no stream
     * to close).
     *
     * @return every update group, unmodifiable
     * @throws io.github.cm4j.TooManyResultsException if there are more than the maximum; then use {@link #list()}
     */
    public List<AuthorizationList> findAll() {
        return BoundedLists.collect(list(), SoftwareUpdates.DEFAULT_MAX_RESULTS, "findAll " + CLASS,
                "UpdateGroups.list()");
    }

    /**
     * Reads one update group with its lazy properties ({@code Updates}, {@code LocalizedInformation}); one
     * GetObject.
     *
     * @param ciId the group's {@code CI_ID}
     * @return the group with its lazy properties
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such group
     */
    public AuthorizationList get(long ciId) {
        return ProviderClient.loadedBinder(AuthorizationList.class).apply(client.get(path(ciId), WmiContext.empty()));
    }

    /**
     * Finds an update group by its display name; one ExecQuery and, when found, one GetObject.
     *
     * @param name the display name ({@code LocalizedDisplayName}, compared as the provider does: ignoring case)
     * @return the group with its lazy properties, or empty when there is none (the first one when several
     *         groups share the name)
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<AuthorizationList> findByName(String name) {
        Objects.requireNonNull(name, "name");
        Optional<Long> ciId;
        try (Stream<WmiObject> s = client.query(Wql.select("CI_ID").from(CLASS)
                .where(Criteria.eq("LocalizedDisplayName", name)).build(), WmiContext.empty())) {
            ciId = s.map(o -> o.getLong("CI_ID")).findFirst();
        }
        return ciId.map(this::get);
    }

    /**
     * Creates an update group with updates (PutInstance, then a GetObject of the new group).
     *
     * @param name the display name
     * @param description the description (may be empty)
     * @param updateCiIds the {@code CI_ID}s of the member updates
     * @return the new group, with the {@code CI_ID} the provider gave it
     * @throws NullPointerException if an argument or a {@code CI_ID} is null
     * @throws IllegalArgumentException if {@code name} is blank or a {@code CI_ID} is out of range
     * @throws io.github.cm4j.WmiException if the provider refuses the new group
     */
    public AuthorizationList create(String name, String description, Collection<Long> updateCiIds) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an update group needs a name");
        }
        WmiClass cls = client.wmiClass(CLASS);
        WmiObject localized = WmiObject.builder(client.wmiClass("SMS_CI_LocalizedProperties"))
                .set("DisplayName", name).set("Description", description)
                .set("LocaleID", DEFAULT_LOCALE_ID).build();
        WmiObject group = WmiObject.builder(cls)
                .set("LocalizedInformation", CimValue.objectArray(List.of(localized)))
                .set("Updates", CimValue.of(cls.property("Updates").orElseThrow().type(), toIntList(checked(updateCiIds))))
                .build();
        ObjectPath written = client.putGuarded(group, PutMode.CREATE_ONLY, WmiContext.empty(),
                io.github.cm4j.model.LazyWritePolicy.REQUIRE_LOADED);
        Object key = written.key("CI_ID").orElseThrow(() -> new io.github.cm4j.MappingException(
                "the provider created the update group '" + name + "' but returned the path " + written
                        + " without a CI_ID"));
        return get(((Number) key).longValue());
    }

    /**
     * Adds updates to a group (GetObject + PutInstance). Updates already members are left as they are.
     *
     * @param groupCiId the group's {@code CI_ID}
     * @param updateCiIds the updates to add
     * @return the group as written
     * @throws IllegalArgumentException if a {@code CI_ID} is out of range
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such group
     */
    public AuthorizationList addUpdates(long groupCiId, Collection<Long> updateCiIds) {
        Set<Long> add = checked(updateCiIds);
        return editMembers(groupCiId, members -> members.addAll(add));
    }

    /**
     * Removes updates from a group (GetObject + PutInstance). Updates that are not members are ignored.
     *
     * @param groupCiId the group's {@code CI_ID}
     * @param updateCiIds the updates to remove
     * @return the group as written
     * @throws IllegalArgumentException if a {@code CI_ID} is out of range
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such group
     */
    public AuthorizationList removeUpdates(long groupCiId, Collection<Long> updateCiIds) {
        Set<Long> remove = checked(updateCiIds);
        return editMembers(groupCiId, members -> members.removeAll(remove));
    }

    /**
     * Deletes a group (DeleteInstance).
     *
     * @param groupCiId the group's {@code CI_ID}
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such group
     */
    public void delete(long groupCiId) {
        client.delete(path(groupCiId), WmiContext.empty());
    }

    private AuthorizationList editMembers(long groupCiId, java.util.function.Consumer<Set<Long>> edit) {
        WmiObject stored = client.get(path(groupCiId), WmiContext.empty());
        Set<Long> members = new LinkedHashSet<>();
        stored.get("Updates").ifPresent(v -> {
            for (Object o : v.asList()) {
                members.add(((Number) o).longValue());
            }
        });
        edit.accept(members);
        CimType type = stored.wmiClass().property("Updates").orElseThrow().type();
        // The whole object, lazy properties loaded by the GetObject, goes back: nothing is wiped.
        WmiObject updated = stored.with(stored.wmiClass().property("Updates").orElseThrow(),
                CimValue.of(type, toIntList(members)));
        client.putGuarded(updated, PutMode.UPDATE_ONLY, WmiContext.empty(), io.github.cm4j.model.LazyWritePolicy.REQUIRE_LOADED);
        return ProviderClient.loadedBinder(AuthorizationList.class).apply(updated);
    }

    private static Set<Long> checked(Collection<Long> ids) {
        Objects.requireNonNull(ids, "update CI_IDs");
        Set<Long> set = new LinkedHashSet<>();
        for (Long id : ids) {
            SoftwareUpdates.path(Objects.requireNonNull(id, "update CI_ID"));
            set.add(id);
        }
        return set;
    }

    private static List<Integer> toIntList(Collection<Long> ids) {
        List<Integer> list = new ArrayList<>(ids.size());
        for (long id : ids) {
            list.add((int) id); // Updates is sint32[]; CI_IDs are below 2^31 in practice (uint32 keys of CIs)
        }
        return list;
    }

    static ObjectPath path(long ciId) {
        return SoftwareUpdates.ciPath(CLASS, ciId);
    }

    /**
     * Names the namespace this view works on.
     *
     * @return e.g. {@code UpdateGroups[root\sms\site_CAS]}
     */
    @Override
    public String toString() {
        return "UpdateGroups[" + client.namespace() + "]";
    }
}
