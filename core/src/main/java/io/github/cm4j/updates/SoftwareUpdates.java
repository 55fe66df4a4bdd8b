package io.github.cm4j.updates;

import io.github.cm4j.model.LazyWritePolicy;
import io.github.cm4j.model.Severity;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import java.time.Duration;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.MethodFailedException;
import io.github.cm4j.SiteVersion;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.BoundedLists;
import io.github.cm4j.internal.ContentDownloader;
import io.github.cm4j.internal.OperationAccess;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.Models;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Software updates of the hierarchy ({@code SMS_SoftwareUpdate}): queries by criteria, lazy properties,
 * license terms, enforcement, resend and content. Obtain it from {@link ConfigMgr#softwareUpdates()}.
 * Thread-safe; every method is one or two provider calls (documented per method; see docs/operations.md).
 * Methods taking a {@code CI_ID} reject values outside 1..4294967295 with an {@link IllegalArgumentException}
 * before any call.
 *
 * <pre>{@code
 * SoftwareUpdates updates = cm.softwareUpdates();
 * try (Stream<SoftwareUpdate> s = updates.find(UpdateQuery.builder().articleId("KB5034441").build())) {
 *     s.forEach(System.out::println);
 * }
 * SoftwareUpdate u = updates.get(16777300);            // lazy properties loaded
 * if (u.eulaExists()) System.out.println(updates.getEula(u));
 * }</pre>
 */
public final class SoftwareUpdates {
    private static final String CLASS = "SMS_SoftwareUpdate";
    /** The maximum number of results of {@link #findAll(UpdateQuery)}; past it, stream with {@link #find}. */
    public static final int DEFAULT_MAX_RESULTS = BoundedLists.DEFAULT_MAXIMUM;
    /** Win32 ERROR_NOT_FOUND: the SMS Provider's ReturnValue for EULA methods on an update without license terms. */
    static final long ERROR_NOT_FOUND = 1168;

    private final ProviderClient client;
    private final Supplier<SiteVersion> version;
    private final ContentTrust contentTrust;

    static {
        // ConfigMgr constructs the operations of this package through OperationAccess; no public constructor
        // takes the internal ProviderClient (issue 20).
        OperationAccess.setUpdates(new OperationAccess.UpdatesFactory() {
            @Override
            public SoftwareUpdates softwareUpdates(ProviderClient client, Supplier<SiteVersion> version) {
                return new SoftwareUpdates(client, version);
            }

            @Override
            public UpdateGroups updateGroups(ProviderClient client) {
                return new UpdateGroups(client);
            }

            @Override
            public Deployments deployments(ProviderClient client, Supplier<SiteVersion> version) {
                return new Deployments(client, version);
            }

            @Override
            public UpdateCategories updateCategories(ProviderClient client) {
                return new UpdateCategories(client);
            }
        });
    }

    /** Through {@link ConfigMgr#softwareUpdates()}; package-private so that no public constructor takes internals. */
    SoftwareUpdates(ProviderClient client, Supplier<SiteVersion> version) {
        this(client, version, ContentTrust.jdk());
    }

    private SoftwareUpdates(ProviderClient client, Supplier<SiteVersion> version, ContentTrust contentTrust) {
        this.client = Objects.requireNonNull(client, "client");
        this.version = Objects.requireNonNull(version, "version");
        this.contentTrust = Objects.requireNonNull(contentTrust, "contentTrust");
    }

    /**
     * A view whose content downloads over HTTPS accept the server certificates of this trust instead of the JDK
     * trust store's (an internal update source or a WSUS server with a certificate from the organisation's CA, a
     * self-signed test server): the {@code tls-ca}/{@code tls-pin} choices of {@code adminservice://}.
     *
     * @param trust the trust
     * @return a view that downloads with it; everything else is as this one
     */
    public SoftwareUpdates withContentTrust(ContentTrust trust) {
        return new SoftwareUpdates(client, version, Objects.requireNonNull(trust, "trust"));
    }

    /**
     * Streams the updates matching the criteria, lazy properties not loaded. One ExecQuery (enumerated in
     * batches); plus one GetObject of the update group when the query names one. Close the stream when not
     * consuming it fully.
     *
     * @param query the criteria
     * @return the matching updates
     * @throws IllegalArgumentException if the query names an update group that does not exist (by name)
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} if it names one by a {@code CI_ID} that
     *     does not exist
     */
    public Stream<SoftwareUpdate> find(UpdateQuery query) {
        Objects.requireNonNull(query, "query");
        List<Long> members = List.of();
        if (query.needsUpdateGroup()) {
            AuthorizationList group = query.updateGroupCiId().isPresent()
                    ? updateGroups().get(query.updateGroupCiId().getAsLong())
                    : updateGroups().findByName(query.updateGroupName().orElseThrow()).orElseThrow(() ->
                            new IllegalArgumentException("no update group named '" + query.updateGroupName().get() + "'"));
            members = group.updates().get();
        }
        return client.query(SoftwareUpdate.class, query.toQuery(members), WmiContext.empty());
    }

    /**
     * The updates matching the criteria as a list, at most {@value #DEFAULT_MAX_RESULTS} of them: the convenience
     * beside {@link #find(UpdateQuery)} for results small enough to hold (no stream to close). Same calls as
     * {@code find}; reading stops at the first update past the maximum.
     *
     * @param query the criteria
     * @return the matching updates, unmodifiable, in the provider's order
     * @throws io.github.cm4j.TooManyResultsException if more than {@value #DEFAULT_MAX_RESULTS} match
     * @throws IllegalArgumentException as {@link #find(UpdateQuery)}
     */
    public List<SoftwareUpdate> findAll(UpdateQuery query) {
        return findAll(query, DEFAULT_MAX_RESULTS);
    }

    /**
     * The updates matching the criteria as a list, at most {@code maxResults} of them (see
     * {@link #findAll(UpdateQuery)}).
     *
     * @param query the criteria
     * @param maxResults the maximum, 1..1000000 (checked before any call)
     * @return the matching updates, unmodifiable
     * @throws io.github.cm4j.TooManyResultsException if more than {@code maxResults} match
     * @throws IllegalArgumentException if {@code maxResults} is out of range, or as {@link #find(UpdateQuery)}
     */
    public List<SoftwareUpdate> findAll(UpdateQuery query, int maxResults) {
        Objects.requireNonNull(query, "query");
        BoundedLists.checkMaximum(maxResults);
        return BoundedLists.collect(find(query), maxResults, "findAll " + CLASS, "SoftwareUpdates.find(query)");
    }

    /**
     * The updates of one knowledge base article, as a list (one ExecQuery).
     *
     * @param articleId a knowledge base article ID, with or without {@code KB}
     * @return the updates with that article ID (there may be several: one per product); empty when none
     * @throws IllegalArgumentException if {@code articleId} is empty
     */
    public List<SoftwareUpdate> findByArticleId(String articleId) {
        try (Stream<SoftwareUpdate> s = find(UpdateQuery.builder().articleId(articleId).build())) {
            return s.toList();
        }
    }

    /**
     * Reads one update with its lazy properties ({@code LocalizedEulas}, {@code LocalizedInformation}, ...).
     * One GetObject.
     *
     * @param ciId the update's {@code CI_ID}
     * @return the update
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such update
     */
    public SoftwareUpdate get(long ciId) {
        return ProviderClient.loadedBinder(SoftwareUpdate.class).apply(client.get(path(ciId), WmiContext.empty()));
    }

    /**
     * Reads one update with its lazy properties, if it exists (one GetObject).
     *
     * @param ciId the update's {@code CI_ID}
     * @return the update with its lazy properties, or empty when there is none
     */
    public Optional<SoftwareUpdate> find(long ciId) {
        return client.find(path(ciId), WmiContext.empty()).map(ProviderClient.loadedBinder(SoftwareUpdate.class));
    }

    /**
     * Loads the lazy properties of an update from a query (one GetObject).
     *
     * @param update an update, e.g. from {@link #find(UpdateQuery)}
     * @return the same update with every property loaded
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} if the update no longer exists
     */
    public SoftwareUpdate loadLazy(SoftwareUpdate update) {
        return get(update.ciId());
    }

    /**
     * Accepts the license terms of an update ({@code AcceptEULA(TRUE)}). One ExecMethod.
     *
     * @param update the update
     * @throws MethodFailedException when the provider refuses; {@code ReturnValue} 1168 (ERROR_NOT_FOUND)
     *                               means the update has no license terms
     */
    public void acceptEula(SoftwareUpdate update) {
        acceptEula(update, true);
    }

    /**
     * Accepts or declines the license terms of an update ({@code AcceptEULA(Accepted)}). One ExecMethod.
     *
     * @param update the update
     * @param accept true to accept, false to decline
     * @throws MethodFailedException when the provider refuses; {@code ReturnValue} 1168 (ERROR_NOT_FOUND)
     *                               means the update has no license terms
     */
    public void acceptEula(SoftwareUpdate update, boolean accept) {
        acceptEula(update.ciId(), accept);
    }

    /**
     * Accepts or declines the license terms of an update given by its {@code CI_ID}
     * ({@code AcceptEULA(Accepted)}). One ExecMethod.
     *
     * @param ciId the update's {@code CI_ID}
     * @param accept true to accept, false to decline
     * @throws MethodFailedException when the provider refuses; {@code ReturnValue} 1168 (ERROR_NOT_FOUND)
     *                              means the update has no license terms
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such update
     */
    public void acceptEula(long ciId, boolean accept) {
        client.invoke(path(ciId), "AcceptEULA", ProviderClient.args("Accepted", accept), WmiContext.empty());
    }

    /**
     * The license terms of an update ({@code GetEULA}). One ExecMethod.
     *
     * @param update the update
     * @return the license text
     * @throws MethodFailedException {@code ReturnValue} 1168 when the update has no license terms
     */
    public String getEula(SoftwareUpdate update) {
        return getEula(update.ciId());
    }

    /**
     * The license terms of an update given by its {@code CI_ID} ({@code GetEULA}). One ExecMethod.
     *
     * @param ciId the update's {@code CI_ID}
     * @return the license text; empty when the provider returns none
     * @throws MethodFailedException {@code ReturnValue} 1168 when the update has no license terms
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such update
     */
    public String getEula(long ciId) {
        WmiObject out = client.invoke(path(ciId), "GetEULA", Map.of(), WmiContext.empty());
        String text = out.has("EULA") ? out.getString("EULA") : null;
        return text == null ? "" : text;
    }

    /**
     * Sets or clears the enforcement of an update ({@code SetEnforcement(Enforced, EffectiveDate)}). One
     * ExecMethod.
     *
     * @param update the update
     * @param enforce whether to enforce it
     * @param effectiveDate when enforcement starts; null lets the provider choose (now)
     * @throws MethodFailedException when the provider refuses
     */
    public void setEnforcement(SoftwareUpdate update, boolean enforce, Instant effectiveDate) {
        client.invoke(path(update.ciId()), "SetEnforcement", ProviderClient.args("Enforced", enforce,
                "EffectiveDate", effectiveDate == null ? null : CimValue.datetime(CimDateTime.of(effectiveDate))),
                WmiContext.empty());
    }

    /**
     * Sets the custom severity of an update ({@code CustomSeverity}, a read/write property; PowerShell's
     * {@code Set-CMSoftwareUpdate -CustomSeverity}). Writes only that property: a partial put
     * ({@code __PUT_EXT_PROPERTIES}) where the transport supports it, else a GetObject and a whole put of the
     * loaded object, so the update's lazy properties are never lost. Then one GetObject reads it back.
     *
     * @param update the update
     * @param severity the rating; {@link Severity#NONE} clears it
     * @return the update as stored afterwards, lazy properties loaded
     * @throws IllegalArgumentException for {@link Severity#isUnrecognized() an unrecognized} rating
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} if the update no longer exists
     */
    public SoftwareUpdate setCustomSeverity(SoftwareUpdate update, Severity severity) {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(severity, "severity");
        if (severity.isUnrecognized()) {
            throw new IllegalArgumentException("custom severity must be one of None, Low, Moderate, Important, Critical");
        }
        return writeProperties(update.ciId(), Map.<String, Object>of("CustomSeverity", severity.code()));
    }

    /**
     * Sets the maximum run time of an update ({@code MaxExecutionTime}, the other read/write property of the
     * class; PowerShell's {@code Set-CMSoftwareUpdate -MaximumExecutionMins}). The SDK pages give no unit; cm4j
     * writes seconds on ConfigMgr 2012 and later and minutes on ConfigMgr 2007 (whose page gives the default
     * 30, the console's 30 minutes; see docs/models.md). Written as {@link #setCustomSeverity} writes.
     *
     * @param update the update
     * @param maxRunTime the maximum run time: positive; whole minutes on ConfigMgr 2007, whole seconds later
     * @return the update as stored afterwards, lazy properties loaded
     * @throws IllegalArgumentException when the duration is not positive, too long for a uint32, or not whole in
     *     the version's unit (before any call but the site version's)
     */
    public SoftwareUpdate setMaxExecutionTime(SoftwareUpdate update, Duration maxRunTime) {
        Objects.requireNonNull(update, "update");
        return writeProperties(update.ciId(), Map.<String, Object>of("MaxExecutionTime", maxExecutionTimeValue(version.get(), maxRunTime)));
    }

    /**
     * @param v the site version
     * @param maxRunTime a run time
     * @return the {@code MaxExecutionTime} value for that version (seconds; minutes on ConfigMgr 2007)
     * @throws IllegalArgumentException as {@link #setMaxExecutionTime} documents
     */
    public static long maxExecutionTimeValue(SiteVersion v, Duration maxRunTime) {
        Objects.requireNonNull(maxRunTime, "maxRunTime");
        if (maxRunTime.isNegative() || maxRunTime.isZero()) {
            throw new IllegalArgumentException("the maximum run time must be positive, not " + maxRunTime);
        }
        long value;
        if (v.is2007()) {
            if (maxRunTime.toSecondsPart() != 0 || maxRunTime.toNanosPart() != 0) {
                throw new IllegalArgumentException("ConfigMgr 2007 stores the maximum run time in minutes; "
                        + maxRunTime + " is not a whole number of minutes");
            }
            value = maxRunTime.toMinutes();
        } else {
            if (maxRunTime.toNanosPart() != 0) {
                throw new IllegalArgumentException("the maximum run time is stored in seconds; " + maxRunTime
                        + " is not a whole number of seconds");
            }
            value = maxRunTime.getSeconds();
        }
        if (value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("the maximum run time " + maxRunTime + " does not fit MaxExecutionTime (uint32)");
        }
        return value;
    }

    /**
     * @param v the site version
     * @param value a {@code MaxExecutionTime} value
     * @return the run time it stands for (seconds; minutes on ConfigMgr 2007)
     */
    public static Duration maxExecutionTime(SiteVersion v, long value) {
        return v.is2007() ? Duration.ofMinutes(value) : Duration.ofSeconds(value);
    }

    /**
     * Writes some properties of one update and nothing else (a partial put, or GetObject + guarded whole put on a
     * transport without partial put), then reads it back.
     */
    SoftwareUpdate writeProperties(long ciId, Map<String, Object> values) {
        ObjectPath p = path(ciId);
        if (client.transport().capabilities().contains(Capability.PARTIAL_PUT)) {
            // Key and the changed properties only; every other property stays defaulted and is not written.
            WmiObject.Builder b = WmiObject.builder(client.wmiClass(CLASS)).set("CI_ID", ciId);
            values.forEach(b::set);
            List<String> written = new java.util.ArrayList<>();
            written.add("CI_ID");
            written.addAll(values.keySet());
            client.put(b.build(), PutMode.UPDATE_ONLY, ProviderClient.partialPutContext(WmiContext.empty(), written));
        } else {
            WmiObject stored = client.get(p, WmiContext.empty());
            for (Map.Entry<String, Object> e : values.entrySet()) {
                stored = stored.with(e.getKey(), e.getValue());
            }
            client.putGuarded(stored, PutMode.UPDATE_ONLY, WmiContext.empty(), LazyWritePolicy.REQUIRE_LOADED);
        }
        return ProviderClient.loadedBinder(SoftwareUpdate.class).apply(client.get(p, WmiContext.empty()));
    }

    /**
     * Resends an update to every site of the hierarchy ({@code ResendObjectToAllSites}, ConfigMgr 2007 only).
     * One ExecMethod (the site version is read once per connection).
     *
     * @param update the update
     * @throws UnsupportedOnVersionException on ConfigMgr 2012 and later (before any call is made)
     * @throws MethodFailedException when the provider refuses
     */
    public void resendToAllSites(SoftwareUpdate update) {
        SiteVersion v = version.get();
        if (!v.hasResendToAllSites()) {
            throw new UnsupportedOnVersionException("resendToAllSites", v, "ResendObjectToAllSites exists on"
                    + " ConfigMgr 2007 only; later versions replicate software updates to every site themselves");
        }
        client.invoke(path(update.ciId()), "ResendObjectToAllSites", Map.of(), WmiContext.empty());
    }

    /**
     * The content files of an update: file name, size, hash and source URL ({@code SMS_CIContentFiles} of
     * the update's {@code SMS_CIToContent} rows). One ExecQuery with a sub-select.
     *
     * @param update the update
     * @return its files (empty for an update without content, such as a metadata-only update)
     */
    public List<CiContentFile> content(SoftwareUpdate update) {
        return content(update.ciId());
    }

    /**
     * The content files of an update given by its {@code CI_ID}; see {@link #content(SoftwareUpdate)}. One
     * ExecQuery with a sub-select.
     *
     * @param ciId the update's {@code CI_ID}
     * @return its files (empty for an update without content, or an unknown {@code CI_ID})
     */
    public List<CiContentFile> content(long ciId) {
        var q = Wql.select("*").from("SMS_CIContentFiles").where(Criteria.in("ContentID",
                Wql.select("ContentID").from("SMS_CIToContent").where(Criteria.eq("CI_ID", ciId)))).build();
        try (Stream<CiContentFile> s = client.query(CiContentFile.class, q, WmiContext.empty())) {
            return s.toList();
        }
    }

    /**
     * The content files of an update in the given languages: those whose {@code SMS_CIToContent} row lists one of
     * the locales' Windows locale IDs ({@code Locale:1031} for de-DE) in {@code ContentLocales}, plus the
     * language-neutral ones ({@code Locale:0}), as the SDK's SMS_SoftwareUpdate page describes ("obtains the list
     * of ContentID properties matching the specific language criteria"). Two ExecQuery calls.
     *
     * @param update the update
     * @param locales the languages; none gives every file (as {@link #content(SoftwareUpdate)})
     * @return the matching files
     * @throws IllegalArgumentException for a locale without a known Windows locale ID
     */
    public List<CiContentFile> content(SoftwareUpdate update, java.util.Locale... locales) {
        Objects.requireNonNull(update, "update");
        if (locales.length == 0) {
            return content(update.ciId());
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        wanted.add("locale:0");
        for (java.util.Locale l : locales) {
            for (int id : Lcids.of(Objects.requireNonNull(l, "locale"))) {
                wanted.add("locale:" + id);
            }
        }
        java.util.Set<Long> contentIds = new java.util.HashSet<>();
        try (Stream<io.github.cm4j.model.CiToContent> s = client.query(io.github.cm4j.model.CiToContent.class,
                Wql.select("*").from("SMS_CIToContent").where(Criteria.eq("CI_ID", update.ciId())).build(),
                WmiContext.empty())) {
            s.filter(c -> c.contentLocales().stream().anyMatch(l -> wanted.contains(l.toLowerCase(java.util.Locale.ROOT))))
                    .forEach(c -> contentIds.add((long) c.contentId()));
        }
        return content(update.ciId()).stream().filter(f -> contentIds.contains(f.contentId())).toList();
    }

    /**
     * Downloads an update's content files in the given languages into a directory, each verified against its
     * documented hash ({@code FileHash}) and size: see {@link #downloadContent(SoftwareUpdate, Path, DownloadListener,
     * java.util.Locale...)}.
     *
     * @param update the update
     * @param directory where the files go (created if missing)
     * @param locales the languages; none for every file
     * @return the files, in place and verified
     * @throws ContentDownloadException when a file cannot be fetched and verified
     */
    public List<DownloadedFile> downloadContent(SoftwareUpdate update, Path directory, java.util.Locale... locales) {
        return downloadContent(update, directory, DownloadListener.NONE, locales);
    }

    /**
     * Downloads an update's content files ({@link #content(SoftwareUpdate, java.util.Locale...)}) from their
     * {@code SourceURL} over HTTP(S) with the JDK HttpClient: TLS verification on (the JDK trust store, or
     * {@link #withContentTrust}'s; a refused certificate is named with its fingerprint), proxies from the JDK's settings
     * ({@code https.proxyHost}, ... through {@link java.net.ProxySelector#getDefault()}), the connection's connect
     * and call timeouts (a file's transfer may take its size at 64 KiB/s longer). Each file goes to a temporary file
     * beside its final name and is moved into place only when its size and hash match; a file already there with
     * the right hash is kept without a download. Nothing is resumed, and a failure leaves nothing under the final
     * name (files finished before it stay). The SMS Provider only describes the content; the download talks to the
     * content's host, not to the provider.
     *
     * @param update the update
     * @param directory where the files go (created if missing)
     * @param listener progress, called on this thread
     * @param locales the languages; none for every file
     * @return the files, in place and verified, in catalog order
     * @throws ContentDownloadException when a file cannot be fetched and verified (naming file, host and reason)
     */
    public List<DownloadedFile> downloadContent(SoftwareUpdate update, Path directory, DownloadListener listener,
                                                java.util.Locale... locales) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(listener, "listener");
        List<CiContentFile> files = content(update, locales);
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new ContentDownloadException("", "cannot create the download directory " + directory + ": " + e.getMessage(), e);
        }
        ContentDownloader downloader = new ContentDownloader(client.config().connectTimeout(), client.config().callTimeout(),
                contentTrust.tls());
        List<DownloadedFile> out = new java.util.ArrayList<>();
        for (CiContentFile f : files) {
            out.add(downloader.download(f, directory, listener));
        }
        return out;
    }

    private UpdateGroups updateGroups() {
        return new UpdateGroups(client);
    }

    static ObjectPath path(long ciId) {
        return ciPath(CLASS, ciId);
    }

    /** The path of a configuration item by its {@code CI_ID} key, checked (a uint32 above 0). */
    static ObjectPath ciPath(String className, long ciId) {
        if (ciId <= 0 || ciId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a CI_ID (uint32 above 0): " + ciId);
        }
        return ObjectPath.of(className, Map.of("CI_ID", ciId));
    }

    /**
     * Names the namespace this view works on.
     *
     * @return e.g. {@code SoftwareUpdates[root\sms\site_CAS]}
     */
    @Override
    public String toString() {
        return "SoftwareUpdates[" + client.namespace() + "]";
    }

}
