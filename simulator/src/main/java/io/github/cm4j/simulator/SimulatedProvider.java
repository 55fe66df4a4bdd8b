package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An in-memory SMS Provider for a whole simulated ConfigMgr hierarchy: the embedded default behind
 * {@code memory:} URIs, and the behavioural reference for transport tests.
 *
 * <pre>{@code
 * ConfigMgr cm = ConfigMgr.connect("memory:demo");              // CAS with primaries PS1, PS2
 * ConfigMgr old = ConfigMgr.connect("memory:demo?version=2007"); // CEN (SUP on censup) with child PS1
 *
 * SimulatedProvider sim = SimulatedProvider.builder()
 *         .version(ProviderVersion.CURRENT_BRANCH)
 *         .topSite("CAS", "Contoso Central")
 *         .childSite("PS1", "Contoso Europe", "CAS")
 *         .catalogSize(20_000).seed(7).clock(SimulatedClock.standard())
 *         .build();
 * ConfigMgr custom = ConfigMgr.builder().uri("memory:custom").provider(sim.transportProvider()).connect();
 * }</pre>
 *
 * <p>Each site has the namespace {@code root\sms\site_<code>}; a transport may call any site's namespace.
 * Classes come from {@link Schema#forVersion} of the version played (on 2007: the 2007 classes only). Software updates and their categories, content and relations
 * are generated from the seed on the fly (a million updates cost no memory); site control file items,
 * update groups, packages, deployments and status are stored. Hierarchy-wide data (updates, groups) is the
 * same in every namespace; site data (site control file, status messages, SMS_Site) is visible in the
 * site's namespace and in the namespaces of the sites above it.
 *
 * <p>Thread-safe: any number of transports and threads may use one provider. Writes to one instance are
 * atomic; queries are weakly consistent (a query running during a write sees each instance either before or
 * after it). Site control file commits are serialised.
 */
public final class SimulatedProvider {
    private static final Map<String, SimulatedProvider> REGISTERED = new ConcurrentHashMap<>();

    private final ProviderVersion version;
    private final Map<String, SimulatedSite> sites;
    private final Clock clock;
    private final java.time.Instant builtAt;
    private final long seed;
    private final int catalogSize;
    private final String hierarchyId;
    /** Sites whose software update point is on a server other than the site server: code -> FQDN. */
    private final Map<String, String> supServers;
    /** Sites without a software update point (no SMS_SUPSyncStatus row, nothing to synchronize). */
    private final java.util.Set<String> withoutSup;
    final Store store;
    final ScfSessions scf;
    final Catalog catalog;
    final CatalogTables.Updates updates;
    final Methods methods;
    final StoredTable statusMessages;
    final StoredTable syncStatus;
    final SyncEngine sync;
    final Faults faults;
    private final ContentServer contentServer;
    /** CI_IDs of configuration items created through the provider (below the catalog's, above the seeded groups'). */
    /** AssignmentIDs of deployments created through the provider (above the seeded ones). */
    private final java.util.concurrent.atomic.AtomicLong nextAssignmentId = new java.util.concurrent.atomic.AtomicLong(16_777_500);
    /** TemplateIDs of deployment templates created through the provider. */
    private final java.util.concurrent.atomic.AtomicLong nextTemplateId = new java.util.concurrent.atomic.AtomicLong(1);
    private final java.util.concurrent.atomic.AtomicLong nextCiId = new java.util.concurrent.atomic.AtomicLong(16_750_001);

    private SimulatedProvider(Builder b) {
        this.version = b.version;
        this.sites = Collections.unmodifiableMap(new LinkedHashMap<>(b.sites));
        this.supServers = Map.copyOf(b.supServers);
        this.withoutSup = java.util.Set.copyOf(b.withoutSup);
        this.clock = b.clock != null ? b.clock : SimulatedClock.standard();
        this.builtAt = clock.instant();
        this.seed = b.seed;
        this.catalogSize = b.catalogSize;
        this.faults = b.faults;
        this.hierarchyId = Catalog.uuid(seed, 0x41E7).toUpperCase(Locale.ROOT);
        // The classes of the version played: ConfigMgr 2007 serves the 2007 classes only (issue 16).
        this.store = new Store(Schema.forVersion(io.github.cm4j.SiteVersion.parse(version.siteVersion())));
        this.scf = new ScfSessions(seed);
        this.catalog = new Catalog(seed, catalogSize, clock.instant(), topSite().code(), hierarchyId);

        Map<String, StoredTable> stored = new LinkedHashMap<>();
        for (WmiClass c : store.schema().classes()) {
            if (c.isAbstract() || c.hasFlag("Embedded")) {
                continue;
            }
            boolean siteScoped = c.name().equalsIgnoreCase("SMS_Site") || c.name().equalsIgnoreCase("SMS_StatusMessage");
            StoredTable t = new StoredTable(c, siteScoped);
            stored.put(c.name().toLowerCase(Locale.ROOT), t);
            store.register(t);
        }
        List<WmiClass> scfClasses = store.schema().subclassesOf("SMS_SiteControlItem").stream()
                .filter(c -> !c.isAbstract()).toList();
        for (WmiClass c : scfClasses) {
            store.register(new ScfTable(c, scf, code -> sites.containsKey(code.toUpperCase(Locale.ROOT))));
        }
        store.register(new SiteControlFileTable(store.classNamed("SMS_SiteControlFile"), scf, version, scfClasses));
        this.updates = new CatalogTables.Updates(store.classNamed("SMS_SoftwareUpdate"), catalog, clock.instant(), store);
        store.register(updates);
        store.register(CatalogTables.categories(store.classNamed("SMS_CIAllCategories"), catalog));
        store.register(CatalogTables.toContent(store.classNamed("SMS_CIToContent"), catalog));
        this.contentServer = b.contentServer ? new ContentServer(seed, b.contentServerHttps) : null;
        store.register(CatalogTables.contentFiles(store.classNamed("SMS_CIContentFiles"), catalog, contentServer));
        store.register(CatalogTables.packageToContent(store.classNamed("SMS_PackageToContent"), catalog, topSite().code()));
        CatalogTables.Relations relations = new CatalogTables.Relations(store.classNamed("SMS_CIRelation"), catalog);
        store.register(relations);

        seedCollections(stored.get("sms_collection"));
        this.statusMessages = stored.get("sms_statusmessage");
        this.syncStatus = stored.get("sms_supsyncstatus");
        new SiteData(this).seed(stored.get("sms_site"), syncStatus, catalog);
        StoredTable categories = stored.get("sms_updatecategoryinstance");
        if (catalogSize > 0) {
            CatalogTables.categoryInstances(categories.wmiClass(), store.classNamed("SMS_Category_LocalizedProperties"),
                    topSite().code()).forEach(categories::store);
            Deployments.seed(this, catalog, stored.get("sms_softwareupdatespackage"), stored.get("sms_authorizationlist"),
                    stored.get(version == ProviderVersion.CM2007 ? "sms_updatesassignment" : "sms_updategroupassignment"),
                    relations.stored());
        }
        this.methods = new Methods(this);
        this.sync = new SyncEngine(this);
        if (clock instanceof SimulatedClock running) {
            running.startRunning();
        }
    }

    /** The built-in collections a site has from setup (deployments target them; see docs/simulator.md). */
    private void seedCollections(StoredTable collections) {
        String[][] builtIn = {{"SMS00001", "All Systems", "All Systems", "1250"}, {"SMS00002", "All Users", "All Users", "1800"},
            {"SMS00004", "All User Groups", "All User Groups", "120"},
            {"SMSDM003", "All Desktop and Server Clients", "All Desktop and Server Clients", "1190"}};
        for (String[] c : builtIn) {
            collections.store(WmiObject.builder(collections.wmiClass()).set("CollectionID", c[0]).set("Name", c[1])
                    .set("Comment", c[2]).set("MemberCount", Long.parseLong(c[3])).build());
        }
    }

    // ------------------------------------------------------------------------------- factories

    /** @return a builder; without sites it builds the demo hierarchy of its version */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the {@code memory:demo} hierarchy: CAS with primaries PS1 and PS2, current branch, 5,000 updates */
    public static SimulatedProvider demo() {
        return builder().build();
    }

    /**
     * @return the {@code memory:demo?version=2007} hierarchy: top primary CEN, whose software update point is on
     *         its own server {@code censup.contoso.com}, with child PS1 (software update point on the site
     *         server), ConfigMgr 2007 SP2
     */
    public static SimulatedProvider demo2007() {
        return builder().version(ProviderVersion.CM2007).build();
    }

    /** @return the {@code memory:empty} hierarchy: one primary site PS1 with its site control file and no updates */
    public static SimulatedProvider empty() {
        return builder().topSite("PS1", "Primary Site 1").catalogSize(0).build();
    }

    /**
     * Makes this provider reachable as {@code memory:<name>} through {@code ConfigMgr.connect} and the
     * {@code memory:} transport, sharing its state between all connections.
     *
     * @param name a name of letters, digits, '-' and '_' (not {@code demo} or {@code empty})
     * @return this provider
     */
    public SimulatedProvider register(String name) {
        String key = MemoryTransportProvider.checkName(name);
        if (key.equals("demo") || key.equals("empty")) {
            throw new IllegalArgumentException("'" + name + "' is reserved for the built-in hierarchies");
        }
        REGISTERED.put(key, this);
        return this;
    }

    /**
     * Removes a registration.
     *
     * @param name the name given to {@link #register(String)}
     * @return whether a provider was registered under it
     */
    public static boolean unregister(String name) {
        return REGISTERED.remove(name.toLowerCase(Locale.ROOT)) != null;
    }

    static SimulatedProvider registered(String name) {
        return REGISTERED.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return a transport to the top site's namespace */
    public WmiTransport openTransport() {
        return openTransport(topSite().code());
    }

    /**
     * @param siteCode the site whose namespace is the default one
     * @return a transport to this provider
     */
    public WmiTransport openTransport(String siteCode) {
        return new MemoryTransport(this, site(siteCode), "memory:" + topSite().code().toLowerCase(Locale.ROOT));
    }

    /**
     * A transport provider that opens transports to this instance, for
     * {@code ConfigMgr.builder().provider(sim.transportProvider())}. The URI's {@code site} parameter, if any,
     * picks the default namespace.
     *
     * @return the provider
     */
    public WmiTransportProvider transportProvider() {
        SimulatedProvider self = this;
        return new WmiTransportProvider() {
            @Override
            public String scheme() {
                return MemoryTransportProvider.SCHEME;
            }

            @Override
            public WmiTransport open(TransportConfig config) {
                String site = MemoryTransportProvider.parse(config.uri()).params().get("site");
                return new MemoryTransport(self, site == null ? topSite() : site(site), config.uri().toString());
            }
        };
    }

    // -------------------------------------------------------------------------------- accessors

    /** @return the provider version played */
    public ProviderVersion version() {
        return version;
    }

    /** @return the sites, top site first */
    public List<SimulatedSite> sites() {
        return List.copyOf(sites.values());
    }

    /**
     * @param code a site code, any case
     * @return the site
     * @throws IllegalArgumentException when the hierarchy has no such site
     */
    public SimulatedSite site(String code) {
        SimulatedSite s = sites.get(code.toUpperCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("the simulated hierarchy has no site '" + code + "'; its sites are "
                    + String.join(", ", sites.keySet()));
        }
        return s;
    }

    /** @return the top site (central administration site or top primary) */
    public SimulatedSite topSite() {
        return sites.values().iterator().next();
    }

    /**
     * @return the number of site control file sessions whose handle has not been released: lets a test
     *         check that code under test releases every handle it takes
     */
    public int openSiteControlSessions() {
        return scf.openSessions();
    }

    /**
     * The server of a site's software update point: the site server unless the builder put it elsewhere
     * ({@link Builder#softwareUpdatePoint}). On 2007 the WSUS components of the site control file are named
     * after it ({@code SMS_WSUS_SYNC_MANAGER|<server>}, as the 2007 SDK samples address them).
     *
     * @param siteCode a site code, any case
     * @return the server's FQDN
     * @throws IllegalArgumentException when the hierarchy has no such site
     */
    public String softwareUpdatePointServer(String siteCode) {
        SimulatedSite s = site(siteCode);
        return supServers.getOrDefault(s.code(), s.serverName());
    }

    /**
     * Whether a site has an active software update point ({@link Builder#withoutSoftwareUpdatePoint} says which
     * have none).
     *
     * @param siteCode a site code, any case
     * @return false for a site built without one
     * @throws IllegalArgumentException when the hierarchy has no such site
     */
    public boolean hasSoftwareUpdatePoint(String siteCode) {
        return !withoutSup.contains(site(siteCode).code());
    }

    /** @return the clock of the simulation */
    public Clock clock() {
        return clock;
    }

    /** @return the seed of the catalog */
    public long seed() {
        return seed;
    }

    /** @return the number of software updates now in the catalog */
    public int catalogSize() {
        return catalog.size();
    }

    /** @return the identifier of the hierarchy (used in model names) */
    public String hierarchyId() {
        return hierarchyId;
    }

    /** @return the faults injected into transport calls */
    public Faults faults() {
        return faults;
    }

    /** @return the loopback content server, when the provider was built with one ({@link Builder#contentServer}) */
    public Optional<ContentServer> contentServer() {
        return Optional.ofNullable(contentServer);
    }

    /** @return the software update point synchronization engine (sync state, wsyncmgr.log) */
    public SyncEngine sync() {
        return sync;
    }

    @Override
    public String toString() {
        return "SimulatedProvider[" + version.displayName() + ", sites " + String.join(", ", sites.keySet())
                + ", " + catalog.size() + " updates, seed " + seed + "]";
    }

    // --------------------------------------------------------------------------------- internals

    /** @return the site of a namespace, {@code root\sms\site_XXX} (any case, either slash) */
    /** @return the simulated instant the provider was built at (its generated data's "now") */
    java.time.Instant builtAt() {
        return builtAt;
    }

    SimulatedSite siteOfNamespace(String namespace) {
        String ns = namespace == null ? "" : namespace.replace('/', '\\').toLowerCase(Locale.ROOT);
        if (ns.startsWith("\\\\")) {
            int colon = ns.indexOf('\\', 2);
            ns = colon < 0 ? ns : ns.substring(colon + 1);
        }
        if (ns.startsWith("root\\sms\\site_") && ns.length() == "root\\sms\\site_".length() + 3) {
            SimulatedSite s = sites.get(ns.substring(ns.length() - 3).toUpperCase(Locale.ROOT));
            if (s != null) {
                return s;
            }
        }
        throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_NAMESPACE, "namespace " + namespace + " does not exist; the"
                + " simulated providers have " + String.join(", ", sites.values().stream().map(SimulatedSite::namespace).toList()));
    }

    /** @return the site and the sites below it */
    Set<String> subtree(String code) {
        Set<String> out = new LinkedHashSet<>();
        out.add(code);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SimulatedSite s : sites.values()) {
                if (s.parentCode() != null && out.contains(s.parentCode()) && out.add(s.code())) {
                    grew = true;
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    Ctx ctx(SimulatedSite site, WmiContext context) {
        ScfSessions.Session session = context.sessionHandle().map(scf::find).orElse(null);
        return new Ctx(site, subtree(site.code()), session);
    }

    Stream<WmiObject> query(SimulatedSite site, String wql, int batchSize, WmiContext context,
                            java.util.function.LongConsumer onBatch) {
        Ctx ctx = ctx(site, context);
        return new QueryEngine(store, ctx, site.serverName(), site.namespace()).execute(wql, batchSize, onBatch);
    }

    WmiObject get(SimulatedSite site, ObjectPath path, WmiContext context) {
        Ctx ctx = ctx(site, context);
        WmiClass cls = store.classNamed(path.className());
        if (path.isClassPath()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, path + " is a class path; read classes with getClass");
        }
        String key = Keys.of(cls, path);
        for (Table t : store.tablesFor(cls)) {
            Row r = t.get(key, ctx);
            if (r != null) {
                return r.toObject(true).withDecoration(site.serverName(), site.namespace());
            }
        }
        throw new SimulatedFault(WbemStatus.WBEM_E_NOT_FOUND, "no instance " + path + " in " + site.namespace());
    }

    WmiClass getClass(String className) {
        return store.classNamed(className);
    }

    ObjectPath put(SimulatedSite site, WmiObject instance, PutMode mode, WmiContext context) {
        Ctx ctx = ctx(site, context);
        WmiClass cls = store.classNamed(instance.className());
        Table table = store.table(cls);
        if (cls.isAbstract() || table == null) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_CLASS, "class " + cls.name() + " is "
                    + (cls.isAbstract() ? "abstract" : "an embedded-object class") + "; it cannot have instances of its own");
        }
        // a Read class with a [write] property (SMS_UpdateCategoryInstance.IsSubscribed) takes puts that change only
        // those properties of existing instances: PutRules.check refuses the rest
        boolean onlyWriteProperties = !table.writable() && PutRules.hasWriteProperties(cls);
        if (!table.writable() && !onlyWriteProperties) {
            throw new SimulatedFault(WbemStatus.WBEM_E_ACCESS_DENIED, "class " + cls.name() + " is read-only (class"
                    + " qualifier Read); the provider maintains its instances");
        }
        Set<String> partial = PutRules.partialProperties(context);
        WmiObject sent = instance; // as the client sent it, before the provider fills what it assigns on creation
        if (mode != PutMode.UPDATE_ONLY && cls.name().equalsIgnoreCase("SMS_AuthorizationList")) {
            instance = newUpdateGroup(cls, instance);
        } else if (mode != PutMode.UPDATE_ONLY && cls.isA("SMS_CIAssignmentBaseClass")) {
            instance = newAssignment(cls, instance);
        } else if (mode != PutMode.UPDATE_ONLY && cls.name().equalsIgnoreCase("SMS_Template")) {
            instance = newTemplate(cls, instance, table, ctx);
        }
        synchronized (table) {
            String key = null;
            Row existing = null;
            WmiObject probe = conform(cls, instance, null, partial);
            for (PropertyDefinition k : cls.keys()) {
                if (probe.isNull(k.name())) {
                    throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, cls.name() + "." + k.name()
                            + " is a key (qualifier key) and the put gives it no value");
                }
            }
            key = Keys.of(probe);
            existing = table.get(key, ctx);
            if (existing != null && mode == PutMode.CREATE_ONLY) {
                throw new SimulatedFault(WbemStatus.WBEM_E_ALREADY_EXISTS, "instance " + probe.path() + " exists and"
                        + " the put was create-only");
            }
            if (existing == null && mode == PutMode.UPDATE_ONLY) {
                throw new SimulatedFault(WbemStatus.WBEM_E_NOT_FOUND, "instance " + probe.path() + " does not exist and"
                        + " the put was update-only");
            }
            if (existing == null && onlyWriteProperties) {
                throw new SimulatedFault(WbemStatus.WBEM_E_ACCESS_DENIED, "class " + cls.name() + " is read-only (class"
                        + " qualifier Read); the provider creates its instances, a put may only change its write properties");
            }
            if (existing == null) {
                PutRules.checkCreation(cls, sent, instance, partial);
            }
            WmiObject before = existing == null ? null : existing.toObject(true);
            WmiObject full = existing == null ? probe : conform(cls, instance, before, partial);
            PutRules.check(cls, instance, before, full, partial, onlyWriteProperties);
            table.put(full, key, ctx);
            return full.path();
        }
    }

    /**
     * An update group put without a {@code CI_ID} is a creation: the provider gives the configuration item its
     * key, unique ID, dates and the properties it derives from {@code LocalizedInformation} and {@code Updates}
     * (as the SDK's "How to Create an Update List" relies on).
     */
    private WmiObject newUpdateGroup(WmiClass cls, WmiObject instance) {
        if (instance.has("CI_ID") && !instance.isNull("CI_ID") && !instance.isDefault("CI_ID")) {
            return instance;
        }
        long ciId = nextCiId.getAndIncrement();
        String unique = Catalog.uuid(ciId, 0xA11);
        String modelName = "ScopeId_" + hierarchyId + "/AuthList_" + unique;
        CimValue now = CimValue.datetime(io.github.cm4j.cim.CimDateTime.of(clock.instant()));
        WmiObject.Builder b = WmiObject.builder(cls);
        for (String name : instance.propertyNames()) {
            if (!instance.isDefault(name)) {
                CimValue v = instance.get(name).orElse(null);
                if (v == null) {
                    b.setNull(name, cls.property(name).map(p -> p.type()).orElse(io.github.cm4j.cim.CimType.STRING));
                } else {
                    b.set(name, v);
                }
            }
        }
        List<WmiObject> localized = instance.get("LocalizedInformation").map(CimValue::asObjectList).orElse(List.of());
        String displayName = localized.isEmpty() ? "" : Objects.requireNonNullElse(localized.get(0).getString("DisplayName"), "");
        String description = localized.isEmpty() ? "" : Objects.requireNonNullElse(localized.get(0).getString("Description"), "");
        int members = instance.get("Updates").map(v -> v.asList().size()).orElse(0);
        b.set("CI_ID", ciId).set("CI_UniqueID", modelName).set("ModelName", modelName).set("CIType_ID", 9L)
                .set("CIVersion", 1L).set("CreatedBy", "CONTOSO\\cmadmin").set("LastModifiedBy", "CONTOSO\\cmadmin")
                .set("DateCreated", now).set("DateLastModified", now).set("LocalizedDisplayName", displayName)
                .set("LocalizedDescription", description).set("LocalizedPropertyLocaleID", 1033L)
                .set("IsUserDefined", true).set("IsEnabled", true).set("IsExpired", false).set("IsHidden", false)
                .set("IsDeployed", false).set("IsProvisioned", false).set("NumberOfUpdates", (long) members)
                .set("SourceSite", topSite().code());
        // The not_null properties the SDK's update list sample leaves to the provider, unless the client gave them.
        Object[][] defaults = {{"ApplicabilityCondition", ""}, {"IsBundle", false}, {"PermittedUses", 0L},
            {"SDMPackageVersion", 1L}, {"ModelID", ciId - 1000}};
        for (Object[] d : defaults) {
            String name = (String) d[0];
            if (cls.indexOf(name) >= 0 && (!instance.has(name) || instance.isDefault(name) || instance.isNull(name))) {
                b.set(name, d[1]);
            }
        }
        return b.build();
    }

    /**
     * A deployment put without an {@code AssignmentID} is a creation: the provider assigns the key, the unique ID,
     * the creation and modification times and the source site (the {@code read} properties of
     * {@code SMS_CIAssignmentBaseClass}).
     */
    private WmiObject newAssignment(WmiClass cls, WmiObject instance) {
        if (instance.has("AssignmentID") && !instance.isNull("AssignmentID") && !instance.isDefault("AssignmentID")
                && instance.getLong("AssignmentID") != 0) {
            return instance;
        }
        long id = nextAssignmentId.getAndIncrement();
        CimValue now = CimValue.datetime(io.github.cm4j.cim.CimDateTime.of(clock.instant()));
        WmiObject.Builder b = copyGiven(cls, instance);
        b.set("AssignmentID", CimValue.of(CimType.SINT32, id))
                .set("AssignmentUniqueID", "{" + Catalog.uuid(id, 0xA55).toUpperCase(Locale.ROOT) + "}")
                .set("CreationTime", now).set("LastModificationTime", now).set("SourceSite", topSite().code())
                .set("ContainsExpiredUpdates", false);
        if (cls.indexOf("LocaleID") >= 0 && (!instance.has("LocaleID") || instance.isNull("LocaleID"))) {
            b.set("LocaleID", CimValue.uint32(1033));
        }
        return b.build();
    }

    /** A template put without a {@code TemplateID} is a creation: the provider assigns the key; names are unique. */
    private WmiObject newTemplate(WmiClass cls, WmiObject instance, Table table, Ctx ctx) {
        if (instance.has("TemplateID") && !instance.isNull("TemplateID") && !instance.isDefault("TemplateID")
                && instance.getLong("TemplateID") != 0) {
            return instance;
        }
        String name = instance.getString("Name");
        if (name != null && table.scan(ctx).anyMatch(r -> name.equalsIgnoreCase(r.toObject(false).getString("Name")))) {
            throw new SimulatedFault(WbemStatus.WBEM_E_ALREADY_EXISTS, "a deployment template named '" + name
                    + "' exists; SMS_Template.Name is unique");
        }
        return copyGiven(cls, instance).set("TemplateID", CimValue.uint32(nextTemplateId.getAndIncrement())).build();
    }

    private static WmiObject.Builder copyGiven(WmiClass cls, WmiObject instance) {
        WmiObject.Builder b = WmiObject.builder(cls);
        for (String name : instance.propertyNames()) {
            if (!instance.isDefault(name)) {
                CimValue v = instance.get(name).orElse(null);
                if (v == null) {
                    b.setNull(name, cls.property(name).map(PropertyDefinition::type).orElse(CimType.STRING));
                } else {
                    b.set(name, v);
                }
            }
        }
        return b;
    }

    /**
     * Checks an instance against the schema class and builds the instance to store: properties the client
     * set (a value or NULL) are taken; properties left at their default keep the stored value (update) or
     * take the class default (create).
     */
    private WmiObject conform(WmiClass cls, WmiObject instance, WmiObject stored, Set<String> partial) {
        WmiObject.Builder b = WmiObject.builder(cls);
        if (stored != null) {
            for (PropertyDefinition p : cls.properties()) {
                CimValue v = stored.get(p.name()).orElse(null);
                if (v == null) {
                    b.setNull(p.name(), p.type());
                } else {
                    b.set(p.name(), v);
                }
            }
        }
        List<PropertyDefinition> given = instance.wmiClass().properties();
        for (int i = 0; i < given.size(); i++) {
            PropertyDefinition g = given.get(i);
            Optional<PropertyDefinition> p = cls.property(g.name());
            if (p.isEmpty()) {
                throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "class " + cls.name() + " has no property "
                        + g.name());
            }
            if (instance.isDefaultAt(i) || !PutRules.writes(partial, p.get())) {
                continue; // a partial put (__PUT_EXT_PROPERTIES) leaves the properties it does not name alone
            }
            CimValue v = instance.valueAt(i);
            if (v != null && v.type() != p.get().type()) {
                throw new SimulatedFault(WbemStatus.WBEM_E_TYPE_MISMATCH, cls.name() + "." + p.get().name() + " is "
                        + p.get().type() + " but the instance gives " + v.type() + " " + v);
            }
            if (v != null && p.get().type().elementType() == CimType.OBJECT && p.get().refClassName() != null) {
                for (Object o : v.isArray() ? v.asList() : List.of(v.value())) {
                    String embedded = ((WmiObject) o).className();
                    boolean ok = store.schema().find(embedded).map(c -> c.isA(p.get().refClassName())).orElse(false);
                    if (!ok) {
                        throw new SimulatedFault(WbemStatus.WBEM_E_TYPE_MISMATCH, cls.name() + "." + p.get().name()
                                + " holds " + p.get().refClassName() + " objects, not " + embedded);
                    }
                }
            }
            if (v == null) {
                b.setNull(p.get().name(), p.get().type());
            } else {
                b.set(p.get().name(), v);
            }
        }
        return b.build();
    }

    void delete(SimulatedSite site, ObjectPath path, WmiContext context) {
        Ctx ctx = ctx(site, context);
        WmiClass cls = store.classNamed(path.className());
        String key = Keys.of(cls, path);
        for (Table t : store.tablesFor(cls)) {
            if (t.get(key, ctx) != null) {
                if (!t.writable()) {
                    throw new SimulatedFault(WbemStatus.WBEM_E_ACCESS_DENIED, "class " + t.wmiClass().name() + " is read-only");
                }
                synchronized (t) {
                    if (t.delete(key, ctx)) {
                        return;
                    }
                }
            }
        }
        throw new SimulatedFault(WbemStatus.WBEM_E_NOT_FOUND, "no instance " + path + " in " + site.namespace());
    }

    WmiObject invoke(SimulatedSite site, ObjectPath target, String method, WmiObject in, WmiContext context) {
        return methods.invoke(site, ctx(site, context), target, method, in);
    }

    // ---------------------------------------------------------------------------------- builder

    /** Builds a {@link SimulatedProvider}. Not thread-safe. */
    public static final class Builder {
        private ProviderVersion version = ProviderVersion.CURRENT_BRANCH;
        private final Map<String, SimulatedSite> sites = new LinkedHashMap<>();
        private Clock clock;
        private long seed = 42;
        private int catalogSize = 5_000;
        private String domain = "contoso.com";
        private Faults faults = Faults.none();
        private final Map<String, String> supServers = new LinkedHashMap<>();
        private final java.util.Set<String> withoutSup = new java.util.LinkedHashSet<>();
        private boolean contentServer;
        private boolean contentServerHttps;

        private Builder() {
        }

        /**
         * Serves the catalog's content from a loopback HTTP server started on first need ({@link ContentServer}):
         * {@code SourceURL}s point at it and {@code FileHash}/{@code FileSize} describe the bytes it serves.
         *
         * @param value whether to
         * @return this builder
         */
        public Builder contentServer(boolean value) {
            this.contentServer = value;
            return this;
        }

        /**
         * Serves the content over HTTPS rather than HTTP (implies {@link #contentServer(boolean) contentServer(true)}):
         * a certificate made at build time, self-signed for {@code localhost} and {@code 127.0.0.1}, that no trust store
         * holds ({@link ContentServer#certificate()}), so that downloads are tested with TLS verification on.
         *
         * @param value whether to
         * @return this builder
         */
        public Builder contentServerHttps(boolean value) {
            this.contentServerHttps = value;
            this.contentServer |= value;
            return this;
        }

        /** @param value seeded faults and latency injected into every transport call (default none) @return this builder */
        public Builder faults(Faults value) {
            this.faults = Objects.requireNonNull(value, "faults");
            return this;
        }

        /** @param value the provider version (default current branch) @return this builder */
        public Builder version(ProviderVersion value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /**
         * Sets the top site; must come before the child sites.
         *
         * @param code three letters or digits
         * @param name the site name
         * @return this builder
         */
        public Builder topSite(String code, String name) {
            if (!sites.isEmpty()) {
                throw new IllegalStateException("the top site must be given first, and only once");
            }
            String c = code.toUpperCase(Locale.ROOT);
            sites.put(c, new SimulatedSite(c, name, null, server(c)));
            return this;
        }

        /**
         * Adds a site below another.
         *
         * @param code three letters or digits
         * @param name the site name
         * @param parent the parent's code, already added
         * @return this builder
         */
        public Builder childSite(String code, String name, String parent) {
            String c = code.toUpperCase(Locale.ROOT);
            String p = parent.toUpperCase(Locale.ROOT);
            if (!sites.containsKey(p)) {
                throw new IllegalArgumentException("parent site " + parent + " of " + code + " has not been added");
            }
            if (sites.containsKey(c)) {
                throw new IllegalArgumentException("site " + code + " is given twice");
            }
            sites.put(c, new SimulatedSite(c, name, p, server(c)));
            return this;
        }

        /** @param value the number of software updates, 0..1,000,000 (default 5,000) @return this builder */
        public Builder catalogSize(int value) {
            if (value < 0 || value > 1_000_000) {
                throw new IllegalArgumentException("catalogSize must be 0..1000000, got " + value);
            }
            this.catalogSize = value;
            return this;
        }

        /** @param value the seed of the generated data (default 42) @return this builder */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** @param value the clock (default a {@link SimulatedClock} at {@link SimulatedClock#DEFAULT_START}) @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Puts a site's software update point on a server other than the site server (default: on the site
         * server). Only the 2007 site control file shows the difference (see
         * {@link SimulatedProvider#softwareUpdatePointServer}).
         *
         * @param siteCode a site already added
         * @param server the FQDN of the software update point's server
         * @return this builder
         */
        public Builder softwareUpdatePoint(String siteCode, String server) {
            String c = siteCode.toUpperCase(Locale.ROOT);
            if (!sites.containsKey(c)) {
                throw new IllegalArgumentException("site " + siteCode + " has not been added");
            }
            if (Objects.requireNonNull(server, "server").isBlank() || server.contains("\\") || server.contains("|")) {
                throw new IllegalArgumentException("a server name has no backslash or '|' and is not blank; got '" + server + "'");
            }
            supServers.put(c, server);
            return this;
        }

        /**
         * Builds a site without an active software update point: it has no {@code SMS_SUPSyncStatus} row and its
         * {@code SMS_WSUS_CONFIGURATION_MANAGER} names no {@code DefaultWSUS}; a synchronization request there
         * (a {@code SyncNow}, a 2007 {@code Sync Now}, a schedule, or a parent's notification) starts nothing and
         * sends no status message, only {@code wsyncmgr.log} lines saying no software update point was found. A
         * {@code SyncJob} then ends {@code NOT_STARTED} with that reason (docs/simulator.md).
         *
         * @param siteCode a site already added (the demo hierarchy's when no site was added: CAS, PS1, PS2 or
         *     CEN, PS1 on 2007)
         * @return this builder
         */
        public Builder withoutSoftwareUpdatePoint(String siteCode) {
            withoutSup.add(Objects.requireNonNull(siteCode, "siteCode").toUpperCase(Locale.ROOT));
            return this;
        }

        /** @param value the DNS domain of the site servers (default contoso.com) @return this builder */
        public Builder domain(String value) {
            this.domain = Objects.requireNonNull(value, "domain");
            List<SimulatedSite> again = new ArrayList<>(sites.values());
            sites.clear();
            again.forEach(s -> sites.put(s.code(), new SimulatedSite(s.code(), s.name(), s.parentCode(), server(s.code()))));
            return this;
        }

        private String server(String code) {
            return code.toLowerCase(Locale.ROOT) + "site." + domain;
        }

        /** @return the provider; without sites, the demo hierarchy of the version */
        public SimulatedProvider build() {
            if (sites.isEmpty()) {
                if (version == ProviderVersion.CM2007) {
                    topSite("CEN", "Central Site");
                    childSite("PS1", "Primary Site 1", "CEN");
                    // The 2007 SDK samples address SMS_WSUS_SYNC_MANAGER|<SUPServerName>: the top site's
                    // software update point is on a server of its own, so that the name differs from the site's.
                    supServers.put("CEN", "censup." + domain);
                } else {
                    topSite("CAS", "Central Administration Site");
                    childSite("PS1", "Primary Site 1", "CAS");
                    childSite("PS2", "Primary Site 2", "CAS");
                }
            }
            for (String c : withoutSup) {
                if (!sites.containsKey(c)) {
                    throw new IllegalArgumentException("withoutSoftwareUpdatePoint: site " + c + " is not in the hierarchy "
                            + sites.keySet());
                }
            }
            return new SimulatedProvider(this);
        }
    }
}
