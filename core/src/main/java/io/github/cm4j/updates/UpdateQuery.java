package io.github.cm4j.updates;

import io.github.cm4j.model.Severity;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Expression;
import io.github.cm4j.wql.SelectQuery;
import io.github.cm4j.wql.Wql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Criteria for {@link SoftwareUpdates#find(UpdateQuery)}, matching the filters of the ConfigMgr PowerShell
 * cmdlet {@code Get-CMSoftwareUpdate}. Every value is escaped into the WQL by core's builder, never pasted.
 * Criteria combine with AND; several values of one criterion combine with OR. Immutable and thread-safe.
 *
 * <pre>{@code
 * UpdateQuery q = UpdateQuery.builder()
 *         .product("Windows Server 2022").classification("Security Updates")
 *         .minSeverity(Severity.IMPORTANT).expired(false).superseded(false)
 *         .datePostedBetween(Instant.parse("2024-01-01T00:00:00Z"), null)
 *         .build();
 * softwareUpdates.find(q).forEach(System.out::println);
 * }</pre>
 *
 * <table>
 *   <caption>Get-CMSoftwareUpdate parameters and their criteria</caption>
 *   <tr><th>cmdlet</th><th>builder</th><th>WQL</th></tr>
 *   <tr><td>-ArticleId</td><td>{@link Builder#articleId}</td><td>{@code ArticleID IN (...)} ("KB" prefix removed)</td></tr>
 *   <tr><td>-BulletinId</td><td>{@link Builder#bulletinId}</td><td>{@code BulletinID IN (...)}</td></tr>
 *   <tr><td>-Name</td><td>{@link Builder#titleContains}</td><td>{@code LocalizedDisplayName LIKE '%..%'}</td></tr>
 *   <tr><td>-CategoryName</td><td>{@link Builder#category}, {@link Builder#product}, {@link Builder#classification}</td>
 *       <td>{@code LocalizedCategoryInstanceNames IN (...)}</td></tr>
 *   <tr><td>-DatePostedMin/-Max</td><td>{@link Builder#datePostedBetween}</td><td>{@code DatePosted >= .. AND DatePosted <= ..}</td></tr>
 *   <tr><td>-DateRevisedMin/-Max</td><td>{@link Builder#dateRevisedBetween}</td><td>{@code DateRevised ...}</td></tr>
 *   <tr><td>-Severity</td><td>{@link Builder#severity}, {@link Builder#minSeverity}</td><td>{@code Severity IN (...)}</td></tr>
 *   <tr><td>-IsExpired, -IsSuperseded, -IsDeployed, -IsContentProvisioned</td><td>{@link Builder#expired} ...</td>
 *       <td>{@code IsExpired = FALSE} ...</td></tr>
 *   <tr><td>(none)</td><td>{@link Builder#eulaExists}, {@link Builder#eulaAccepted}</td><td>{@code EULAExists}, {@code EULAAccepted = 1}</td></tr>
 *   <tr><td>-IsLatest, -IsOfflineServiceable, -IsUserDefined</td><td>{@link Builder#latest}, {@link Builder#offlineServiceable},
 *       {@link Builder#userDefined}</td><td>{@code IsLatest = TRUE} ...</td></tr>
 *   <tr><td>-Vendor</td><td>{@link Builder#vendor}</td><td>{@code LocalizedCategoryInstanceNames IN (...)}</td></tr>
 *   <tr><td>-UpdateGroupName</td><td>{@link Builder#updateGroup(String)}, {@link Builder#updateGroup(long)}</td>
 *       <td>{@code CI_ID IN (..the group's updates..)} (one GetObject of the group first)</td></tr>
 * </table>
 */
public final class UpdateQuery {
    private final List<String> articleIds;
    private final List<String> bulletinIds;
    private final List<String> titleContains;
    private final List<List<String>> categoryGroups;
    private final Instant postedFrom;
    private final Instant postedTo;
    private final Instant revisedFrom;
    private final Instant revisedTo;
    private final Set<Severity> severities;
    private final Boolean expired;
    private final Boolean superseded;
    private final Boolean deployed;
    private final Boolean contentProvisioned;
    private final Boolean eulaExists;
    private final Boolean eulaAccepted;
    private final Boolean latest;
    private final Boolean offlineServiceable;
    private final Boolean userDefined;
    private final String updateGroupName;
    private final Long updateGroupCiId;

    private UpdateQuery(Builder b) {
        this.articleIds = List.copyOf(b.articleIds);
        this.bulletinIds = List.copyOf(b.bulletinIds);
        this.titleContains = List.copyOf(b.titleContains);
        this.categoryGroups = b.categoryGroups.stream().map(List::copyOf).toList();
        this.postedFrom = b.postedFrom;
        this.postedTo = b.postedTo;
        this.revisedFrom = b.revisedFrom;
        this.revisedTo = b.revisedTo;
        this.severities = Set.copyOf(b.severities);
        this.expired = b.expired;
        this.superseded = b.superseded;
        this.deployed = b.deployed;
        this.contentProvisioned = b.contentProvisioned;
        this.eulaExists = b.eulaExists;
        this.eulaAccepted = b.eulaAccepted;
        this.latest = b.latest;
        this.offlineServiceable = b.offlineServiceable;
        this.userDefined = b.userDefined;
        this.updateGroupName = b.updateGroupName;
        this.updateGroupCiId = b.updateGroupCiId;
    }

    /**
     * Returns a query without criteria.
     *
     * @return a query matching every update
     */
    public static UpdateQuery all() {
        return builder().build();
    }

    /**
     * Starts a query; a builder without any call builds {@link #all()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The update group whose members the query is limited to, by name.
     *
     * @return the update group criterion by name, if any
     */
    public Optional<String> updateGroupName() {
        return Optional.ofNullable(updateGroupName);
    }

    /**
     * The update group whose members the query is limited to, by {@code CI_ID}.
     *
     * @return the update group criterion by {@code CI_ID}, if any
     */
    public OptionalLong updateGroupCiId() {
        return updateGroupCiId == null ? OptionalLong.empty() : OptionalLong.of(updateGroupCiId);
    }

    /**
     * Whether {@link #toQuery(Collection)} needs the members of an update group, which the caller reads first
     * (a GetObject of the group, for its lazy {@code Updates}).
     *
     * @return whether the query has an update group criterion
     */
    public boolean needsUpdateGroup() {
        return updateGroupName != null || updateGroupCiId != null;
    }

    /**
     * The WQL of this query.
     *
     * @param groupMembers the {@code CI_ID}s of the update group's members when {@link #needsUpdateGroup()};
     *                     ignored otherwise
     * @return the query
     */
    public SelectQuery toQuery(Collection<Long> groupMembers) {
        List<Expression> all = new ArrayList<>();
        if (!articleIds.isEmpty()) {
            all.add(Criteria.in("ArticleID", articleIds));
        }
        if (!bulletinIds.isEmpty()) {
            all.add(Criteria.in("BulletinID", bulletinIds));
        }
        if (!titleContains.isEmpty()) {
            all.add(anyOf(titleContains.stream().map(t -> Criteria.likeContains("LocalizedDisplayName", t)).toList()));
        }
        for (List<String> group : categoryGroups) {
            all.add(Criteria.in("LocalizedCategoryInstanceNames", group));
        }
        addRange(all, "DatePosted", postedFrom, postedTo);
        addRange(all, "DateRevised", revisedFrom, revisedTo);
        if (!severities.isEmpty()) {
            all.add(Criteria.in("Severity", severities.stream().map(s -> (Object) s.code()).sorted().toList()));
        }
        addFlag(all, "IsExpired", expired);
        addFlag(all, "IsSuperseded", superseded);
        addFlag(all, "IsDeployed", deployed);
        addFlag(all, "IsContentProvisioned", contentProvisioned);
        addFlag(all, "EULAExists", eulaExists);
        if (eulaAccepted != null) {
            // EULAAccepted: 0 not decided, 1 accepted, 2 declined (SMS_SoftwareUpdate reference page).
            all.add(eulaAccepted ? Criteria.eq("EULAAccepted", 1) : Criteria.ne("EULAAccepted", 1));
        }
        addFlag(all, "IsLatest", latest);
        addFlag(all, "IsOfflineServiceable", offlineServiceable);
        addFlag(all, "IsUserDefined", userDefined);
        if (needsUpdateGroup()) {
            // An empty IN list is not WQL; a group without members matches nothing (CI_ID 0 is no CI).
            all.add(groupMembers.isEmpty() ? Criteria.eq("CI_ID", 0) : Criteria.in("CI_ID", groupMembers));
        }
        Wql.QueryBuilder q = Wql.select("*").from("SMS_SoftwareUpdate");
        if (!all.isEmpty()) {
            q.where(all.size() == 1 ? all.get(0)
                    : Criteria.and(all.get(0), all.subList(1, all.size()).toArray(Expression[]::new)));
        }
        return q.build();
    }

    private static Expression anyOf(List<Expression> list) {
        return list.size() == 1 ? list.get(0) : Criteria.or(list.get(0), list.subList(1, list.size()).toArray(Expression[]::new));
    }

    private static void addRange(List<Expression> all, String property, Instant from, Instant to) {
        if (from != null) {
            all.add(Criteria.ge(property, from));
        }
        if (to != null) {
            all.add(Criteria.le(property, to));
        }
    }

    private static void addFlag(List<Expression> all, String property, Boolean value) {
        if (value != null) {
            all.add(Criteria.eq(property, value));
        }
    }

    /**
     * Describes the query by its WQL.
     *
     * @return the WQL (with a placeholder list for update group members) and the update group criterion
     */
    @Override
    public String toString() {
        return "UpdateQuery[" + toQuery(List.of()).toWql()
                + (updateGroupName != null ? ", update group '" + updateGroupName + "'" : "")
                + (updateGroupCiId != null ? ", update group " + updateGroupCiId : "") + "]";
    }

    /**
     * Two queries are equal when they have the same criteria (compared by their description).
     *
     * @param o the other object
     * @return whether {@code o} is an equal query
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateQuery other && toString().equals(other.toString());
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds an {@link UpdateQuery}. Not thread-safe. */
    public static final class Builder {
        private final List<String> articleIds = new ArrayList<>();
        private final List<String> bulletinIds = new ArrayList<>();
        private final List<String> titleContains = new ArrayList<>();
        private final List<List<String>> categoryGroups = new ArrayList<>();
        private Instant postedFrom;
        private Instant postedTo;
        private Instant revisedFrom;
        private Instant revisedTo;
        private final Set<Severity> severities = new LinkedHashSet<>();
        private Boolean expired;
        private Boolean superseded;
        private Boolean deployed;
        private Boolean contentProvisioned;
        private Boolean eulaExists;
        private Boolean eulaAccepted;
        private Boolean latest;
        private Boolean offlineServiceable;
        private Boolean userDefined;
        private String updateGroupName;
        private Long updateGroupCiId;

        private Builder() {
        }

        /**
         * Matches updates with any of these knowledge base articles ({@code ArticleID IN (...)}).
         *
         * @param ids knowledge base article IDs, with or without the {@code KB} prefix ({@code 5034441},
         *            {@code KB5034441})
         * @return this builder
         * @throws NullPointerException if an ID is null
         * @throws IllegalArgumentException if an ID is empty
         */
        public Builder articleId(String... ids) {
            for (String id : ids) {
                String t = Objects.requireNonNull(id, "article ID").trim();
                if (t.regionMatches(true, 0, "KB", 0, 2)) {
                    t = t.substring(2);
                }
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("empty article ID");
                }
                articleIds.add(t);
            }
            return this;
        }

        /**
         * Matches updates with any of these security bulletins ({@code BulletinID IN (...)}).
         *
         * @param ids security bulletin IDs, e.g. {@code MS17-010}
         * @return this builder
         * @throws NullPointerException if an ID is null
         * @throws IllegalArgumentException if an ID is blank
         */
        public Builder bulletinId(String... ids) {
            for (String id : ids) {
                bulletinIds.add(requireText(id, "bulletin ID"));
            }
            return this;
        }

        /**
         * Matches updates whose localized title contains this text
         * ({@code LocalizedDisplayName LIKE '%text%'}).
         *
         * @param text a piece of the title (case-insensitive; {@code %}, {@code _} and {@code [} match
         *             themselves); several calls match any of them
         * @return this builder
         * @throws NullPointerException if {@code text} is null
         * @throws IllegalArgumentException if {@code text} is blank
         */
        public Builder titleContains(String text) {
            titleContains.add(requireText(text, "title text"));
            return this;
        }

        /**
         * Any of these category names (a product, product family, classification or company, as
         * {@code LocalizedCategoryInstanceNames} lists them). Each call adds a criterion (AND).
         *
         * @param names category names
         * @return this builder
         * @throws NullPointerException if a name is null
         * @throws IllegalArgumentException if no name is given or a name is blank
         */
        public Builder category(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("no category names given");
            }
            List<String> group = new ArrayList<>();
            for (String n : names) {
                group.add(requireText(n, "category name"));
            }
            categoryGroups.add(group);
            return this;
        }

        /**
         * Matches updates of any of these products; the same as {@link #category(String...)}.
         *
         * @param names product names, e.g. {@code Windows Server 2022}
         * @return this builder
         * @throws IllegalArgumentException if no name is given or a name is blank
         */
        public Builder product(String... names) {
            return category(names);
        }

        /**
         * Matches updates of any of these classifications; the same as {@link #category(String...)}.
         *
         * @param names classification names, e.g. {@code Security Updates}
         * @return this builder
         * @throws IllegalArgumentException if no name is given or a name is blank
         */
        public Builder classification(String... names) {
            return category(names);
        }

        /**
         * Matches updates first published in this range; a null bound leaves that side open. Replaces an
         * earlier range.
         *
         * @param from earliest {@code DatePosted} (inclusive), or null
         * @param to latest {@code DatePosted} (inclusive), or null
         * @return this builder
         * @throws IllegalArgumentException if {@code from} is after {@code to}
         */
        public Builder datePostedBetween(Instant from, Instant to) {
            checkRange(from, to, "date posted");
            this.postedFrom = from;
            this.postedTo = to;
            return this;
        }

        /**
         * Matches updates last revised in this range; a null bound leaves that side open. Replaces an earlier
         * range.
         *
         * @param from earliest {@code DateRevised} (inclusive), or null
         * @param to latest {@code DateRevised} (inclusive), or null
         * @return this builder
         * @throws IllegalArgumentException if {@code from} is after {@code to}
         */
        public Builder dateRevisedBetween(Instant from, Instant to) {
            checkRange(from, to, "date revised");
            this.revisedFrom = from;
            this.revisedTo = to;
            return this;
        }

        /**
         * Matches updates with any of these severities; adds to earlier severity criteria.
         *
         * @param values any of these severities
         * @return this builder
         * @throws NullPointerException if a severity is null
         */
        public Builder severity(Severity... values) {
            for (Severity s : values) {
                severities.add(Objects.requireNonNull(s, "severity"));
            }
            return this;
        }

        /**
         * Matches updates of this severity or a higher one; adds to earlier severity criteria.
         *
         * @param minimum the lowest severity matched
         * @return this builder
         * @throws NullPointerException if {@code minimum} is null
         */
        public Builder minSeverity(Severity minimum) {
            for (Severity s : Severity.values()) {
                if (s.code() >= minimum.code()) {
                    severities.add(s);
                }
            }
            return this;
        }

        /**
         * Matches expired updates, or updates that are not ({@code IsExpired}).
         *
         * @param value the {@code IsExpired} value to match
         * @return this builder
         */
        public Builder expired(boolean value) {
            this.expired = value;
            return this;
        }

        /**
         * Matches superseded updates, or updates that are not ({@code IsSuperseded}).
         *
         * @param value the {@code IsSuperseded} value to match
         * @return this builder
         */
        public Builder superseded(boolean value) {
            this.superseded = value;
            return this;
        }

        /**
         * Matches deployed updates, or updates that are not ({@code IsDeployed}).
         *
         * @param value the {@code IsDeployed} value to match
         * @return this builder
         */
        public Builder deployed(boolean value) {
            this.deployed = value;
            return this;
        }

        /**
         * Matches updates whose content was downloaded to a package, or whose content was not
         * ({@code IsContentProvisioned}).
         *
         * @param value the {@code IsContentProvisioned} value to match
         * @return this builder
         */
        public Builder contentProvisioned(boolean value) {
            this.contentProvisioned = value;
            return this;
        }

        /**
         * Matches updates with license terms, or updates without ({@code EULAExists}).
         *
         * @param value the {@code EULAExists} value to match
         * @return this builder
         */
        public Builder eulaExists(boolean value) {
            this.eulaExists = value;
            return this;
        }

        /**
         * Matches updates whose license terms were accepted, or were not.
         *
         * @param value true: license terms accepted ({@code EULAAccepted = 1}); false: not accepted
         *              (undecided or declined)
         * @return this builder
         */
        public Builder eulaAccepted(boolean value) {
            this.eulaAccepted = value;
            return this;
        }

        /**
         * Matches updates that are the latest revision, or that are not ({@code IsLatest}; current branch only: a
         * ConfigMgr 2007 provider refuses the query naming the property).
         *
         * @param value the {@code IsLatest} value to match
         * @return this builder
         */
        public Builder latest(boolean value) {
            this.latest = value;
            return this;
        }

        /**
         * Matches updates that can be applied to offline images, or that cannot ({@code IsOfflineServiceable};
         * current branch only).
         *
         * @param value the {@code IsOfflineServiceable} value to match
         * @return this builder
         */
        public Builder offlineServiceable(boolean value) {
            this.offlineServiceable = value;
            return this;
        }

        /**
         * Matches updates an administrator defined (third-party catalogs, ...), or Microsoft's ({@code IsUserDefined};
         * current branch only).
         *
         * @param value the {@code IsUserDefined} value to match
         * @return this builder
         */
        public Builder userDefined(boolean value) {
            this.userDefined = value;
            return this;
        }

        /**
         * Matches updates of any of these vendors ({@code -Vendor} of Get-CMSoftwareUpdate): the vendor is the
         * update's {@code Company} category, so this is a {@link #category} criterion of its own.
         *
         * @param names vendor names, e.g. {@code Microsoft}
         * @return this builder
         * @throws NullPointerException if a name is null
         * @throws IllegalArgumentException if no name is given or one is blank
         */
        public Builder vendor(String... names) {
            return category(names);
        }

        /**
         * Matches the members of an update group, named by its display name. Replaces an earlier update
         * group criterion.
         *
         * @param name the update group's {@code LocalizedDisplayName}
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder updateGroup(String name) {
            this.updateGroupName = requireText(name, "update group name");
            this.updateGroupCiId = null;
            return this;
        }

        /**
         * Matches the members of an update group, named by its {@code CI_ID}. Replaces an earlier update
         * group criterion.
         *
         * @param ciId the update group's {@code CI_ID}
         * @return this builder
         */
        public Builder updateGroup(long ciId) {
            this.updateGroupCiId = ciId;
            this.updateGroupName = null;
            return this;
        }

        /**
         * Builds the query; the builder may be used further.
         *
         * @return the query
         */
        public UpdateQuery build() {
            return new UpdateQuery(this);
        }

        private static String requireText(String text, String what) {
            Objects.requireNonNull(text, what);
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty " + what);
            }
            return text;
        }

        private static void checkRange(Instant from, Instant to, String what) {
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException(what + " range is empty: " + from + " is after " + to);
            }
        }
    }

}
