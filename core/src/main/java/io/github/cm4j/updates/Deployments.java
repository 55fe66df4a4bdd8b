package io.github.cm4j.updates;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.SiteVersion;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.BoundedLists;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.CiAssignment;
import io.github.cm4j.model.DeploymentTemplate;
import io.github.cm4j.model.LazyWritePolicy;
import io.github.cm4j.model.UpdateGroupAssignment;
import io.github.cm4j.model.UpdatesAssignment;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Software update deployments: on ConfigMgr 2012 and later {@code SMS_UpdateGroupAssignment} (an update group
 * deployed to a collection), on ConfigMgr 2007 {@code SMS_UpdatesAssignment} (the updates of an update list,
 * {@code SMS_AuthorizationList}, deployed to a collection, optionally with a deployment template,
 * {@code SMS_Template}). Obtain it from {@link ConfigMgr#deployments()}.
 *
 * <pre>{@code
 * CiAssignment d = cm.deployments().newDeployment("Patch Tuesday 2024-05")
 *         .updateGroup(16_700_001).collection("SMS00001")
 *         .available(LocalDateTime.of(2024, 5, 15, 18, 0)).deadline(LocalDateTime.of(2024, 5, 22, 18, 0))
 *         .timeBase(NewDeployment.TimeBase.CLIENT_LOCAL).create();
 * }</pre>
 *
 * Thread-safe; list methods are one ExecQuery each (close the streams).
 */
public final class Deployments {
    static final String GROUP_CLASS = "SMS_UpdateGroupAssignment";
    static final String UPDATES_CLASS = "SMS_UpdatesAssignment";
    static final String TEMPLATE_CLASS = "SMS_Template";
    private static final Pattern COLLECTION_ID = Pattern.compile("[A-Za-z0-9]{8}");
    private final ProviderClient client;
    private final Supplier<SiteVersion> version;

    /** Assumes current branch; package-private (through {@link ConfigMgr#deployments()}). */
    Deployments(ProviderClient client) {
        this(client, () -> SiteVersion.CURRENT_BRANCH);
    }

    /** Through {@link ConfigMgr#deployments()}; package-private so that no public constructor takes internals. */
    Deployments(ProviderClient client, Supplier<SiteVersion> version) {
        this.client = Objects.requireNonNull(client, "client");
        this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * Every deployment of an update group in the hierarchy (one ExecQuery; close the stream).
     *
     * @return every update group deployment
     * @throws UnsupportedOnVersionException on ConfigMgr 2007, which has no update groups ({@link #listUpdatesAssignments()})
     */
    public Stream<UpdateGroupAssignment> list() {
        requireGroups("list");
        return client.query(UpdateGroupAssignment.class, Wql.select("*").from(GROUP_CLASS).build(), WmiContext.empty());
    }

    /**
     * Every {@code SMS_UpdatesAssignment} deployment: the deployments of ConfigMgr 2007 (one ExecQuery; close the
     * stream). Current branch still has the class (deprecated; its console creates update group deployments).
     *
     * @return every updates deployment
     */
    public Stream<UpdatesAssignment> listUpdatesAssignments() {
        return client.query(UpdatesAssignment.class, Wql.select("*").from(UPDATES_CLASS).build(), WmiContext.empty());
    }

    /**
     * The deployments of the connected version as their common view (one ExecQuery; close the stream):
     * update group deployments on current branch, updates deployments on ConfigMgr 2007.
     *
     * @return every deployment
     */
    public Stream<CiAssignment> listAll() {
        return version.get().is2007() ? listUpdatesAssignments().map(CiAssignment.class::cast)
                : list().map(CiAssignment.class::cast);
    }

    /**
     * The deployments of the connected version as a list ({@link #listAll()}'s view), at most
     * {@value SoftwareUpdates#DEFAULT_MAX_RESULTS} (one ExecQuery; no stream to close).
     *
     * @return every deployment, unmodifiable
     * @throws io.github.cm4j.TooManyResultsException if there are more than the maximum; then use {@link #listAll()}
     */
    public List<CiAssignment> findAll() {
        return BoundedLists.collect(listAll(), SoftwareUpdates.DEFAULT_MAX_RESULTS, "findAll deployments",
                "Deployments.listAll()");
    }

    /**
     * The deployments of one update group (one ExecQuery; close the stream).
     *
     * @param groupCiId the update group's {@code CI_ID}
     * @return the deployments of that group; empty when it has none or does not exist
     * @throws IllegalArgumentException if {@code groupCiId} is not a {@code CI_ID} (1..4294967295)
     * @throws UnsupportedOnVersionException on ConfigMgr 2007
     */
    public Stream<UpdateGroupAssignment> ofUpdateGroup(long groupCiId) {
        UpdateGroups.path(groupCiId);
        requireGroups("ofUpdateGroup");
        return client.query(UpdateGroupAssignment.class, Wql.select("*").from(GROUP_CLASS)
                .where(Criteria.eq("AssignedUpdateGroup", groupCiId)).build(), WmiContext.empty());
    }

    /**
     * Reads one deployment by its {@code AssignmentID} (one GetObject).
     *
     * @param assignmentId the key
     * @return the deployment: an {@link UpdateGroupAssignment} on current branch, an {@link UpdatesAssignment} on 2007
     * @throws WmiException {@code WBEM_E_NOT_FOUND} when there is no such deployment
     */
    public CiAssignment get(long assignmentId) {
        boolean old = version.get().is2007();
        WmiObject o = client.get(ObjectPath.of(old ? UPDATES_CLASS : GROUP_CLASS, Map.of("AssignmentID", assignmentId)),
                WmiContext.empty());
        return old ? ProviderClient.loadedBinder(UpdatesAssignment.class).apply(o)
                : ProviderClient.loadedBinder(UpdateGroupAssignment.class).apply(o);
    }

    /**
     * The deployment templates of ConfigMgr 2007 ({@code SMS_Template}; one ExecQuery; close the stream).
     *
     * @return the templates
     * @throws UnsupportedOnVersionException on current branch, which has no {@code SMS_Template} in cm4j's schema
     */
    public Stream<DeploymentTemplate> templates() {
        require2007("templates");
        return client.query(DeploymentTemplate.class, Wql.select("*").from(TEMPLATE_CLASS).build(), WmiContext.empty());
    }

    /**
     * Starts a new deployment, the options of {@code New-CMSoftwareUpdateDeployment}: see {@link NewDeployment}.
     *
     * @param name the deployment's name ({@code AssignmentName})
     * @return the builder; {@link NewDeployment#create()} creates it
     */
    public NewDeployment newDeployment(String name) {
        return new NewDeployment(this, name);
    }

    // ----------------------------------------------------------------------------------- creation

    CiAssignment create(NewDeployment d) {
        // Everything checkable without the provider first: nothing is written for bad input.
        d.validate();
        SiteVersion v = version.get();
        if (v.is2007() && d.groupCiId != null) {
            throw new UnsupportedOnVersionException("a deployment of an update group", v, "ConfigMgr 2007 deploys the"
                    + " updates of an update list: use updateList(ciId) or updates(...)");
        }
        if (!v.is2007() && d.listCiId != null) {
            throw new UnsupportedOnVersionException("a deployment of an update list", v, "use updateGroup(ciId)");
        }
        if (!v.is2007() && d.templateName != null) {
            throw new UnsupportedOnVersionException("a deployment template (SMS_Template)", v, "templates are ConfigMgr 2007 objects");
        }
        if (!v.is2007() && d.groupCiId == null) {
            throw new IllegalArgumentException("a current-branch deployment deploys an update group: call updateGroup(ciId)");
        }
        // The provider's own checks, before anything is written.
        if (client.find(ObjectPath.of("SMS_Collection", Map.of("CollectionID", d.collectionId)), WmiContext.empty()).isEmpty()) {
            throw new IllegalArgumentException("no collection " + d.collectionId + " on " + client.namespace()
                    + " (TargetCollectionID must name an existing collection, e.g. SMS00001 All Systems)");
        }
        Set<Long> updates = new LinkedHashSet<>(d.updateCiIds);
        Long groupOrList = d.groupCiId != null ? d.groupCiId : d.listCiId;
        if (groupOrList != null) {
            WmiObject group = client.find(UpdateGroups.path(groupOrList), WmiContext.empty()).orElseThrow(() ->
                    new IllegalArgumentException("no update " + (d.groupCiId != null ? "group" : "list") + " with CI_ID "
                            + groupOrList));
            group.get("Updates").ifPresent(u -> u.asList().forEach(o -> updates.add(((Number) o).longValue())));
        }
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("the deployment has no updates: "
                    + (groupOrList != null ? "update " + (d.groupCiId != null ? "group " : "list ") + groupOrList + " is empty"
                    : "give updateGroup/updateList or updates"));
        }
        SoftwareUpdates su = new SoftwareUpdates(client, version);
        List<Long> eulaPending = new ArrayList<>();
        for (long ciId : updates) {
            WmiObject u = client.find(SoftwareUpdates.path(ciId), WmiContext.empty()).orElseThrow(() ->
                    new IllegalArgumentException("the deployment names update " + ciId + ", which does not exist"));
            if (Boolean.TRUE.equals(u.getBoolean("EULAExists")) && !Long.valueOf(1).equals(u.getLong("EULAAccepted"))) {
                eulaPending.add(ciId);
            }
            // ConfigMgr 2007 SMS_SoftwareUpdate page, Remarks: an update included through an authorization list
            // must have IsBundle set to true (it is then part of a bundle). Written by partial put, nothing else.
            if (v.is2007() && !Boolean.TRUE.equals(u.getBoolean("IsBundle"))) {
                su.writeProperties(ciId, Map.of("IsBundle", true));
            }
        }
        if (!eulaPending.isEmpty()) {
            if (!d.acceptEula) {
                throw new IllegalArgumentException("updates " + eulaPending + " have license terms that were not"
                        + " accepted; accept them (acceptEula(true), cm4j deployments create --accept-eula) or leave them out");
            }
            eulaPending.forEach(id -> su.acceptEula(id, true));
        }
        if (d.templateName != null) {
            ensureTemplate(d);
        }
        String cls = v.is2007() ? UPDATES_CLASS : GROUP_CLASS;
        WmiClass wc = client.wmiClass(cls);
        WmiObject.Builder b = WmiObject.builder(wc)
                .set("AssignmentName", d.name)
                .set("ApplyToSubTargets", false)
                .set("AssignedCIs", CimValue.of(CimType.SINT32_ARRAY, updates.stream().map(Long::intValue).toList()))
                // SMS_CIAssignmentBaseClass: AssignmentAction 2 = APPLY, DesiredConfigType 1 = REQUIRED. An available
                // deployment is an APPLY deployment without an enforcement deadline (see docs/operations.md).
                .set("AssignmentAction", CimValue.of(CimType.SINT32, 2L))
                .set("DesiredConfigType", CimValue.of(CimType.SINT32, 1L))
                .set("DPLocality", CimValue.uint32(80))
                .set("Enabled", true)
                .set("LogComplianceToWinEvent", false)
                .set("NotifyUser", d.notification == NewDeployment.UserNotification.DISPLAY_ALL)
                .set("SendDetailedNonComplianceStatus", false)
                .set("StartTime", CimValue.datetime(cim(d.available)))
                // SuppressReboot bits: bit 0 workstations, bit 1 servers.
                .set("SuppressReboot", CimValue.uint32((d.suppressWorkstations ? 1 : 0) | (d.suppressServers ? 2 : 0)))
                .set("TargetCollectionID", d.collectionId)
                .set("UseGMTTimes", d.timeBase == NewDeployment.TimeBase.UTC);
        if (d.description != null) {
            b.set("AssignmentDescription", d.description);
        }
        if (d.deadline != null) {
            b.set("EnforcementDeadline", CimValue.datetime(cim(d.deadline)));
        }
        setIfPresent(b, wc, "UserUIExperience", d.notification != NewDeployment.UserNotification.HIDE_ALL);
        setIfPresent(b, wc, "LimitStateMessageVerbosity", true);
        setIfPresent(b, wc, "UseBranchCache", true);
        setIfPresent(b, wc, "StateMessagePriority", CimValue.uint32(5));
        setIfPresent(b, wc, "LocaleID", CimValue.uint32(1033));
        if (!v.is2007()) {
            b.set("AssignedUpdateGroup", CimValue.of(CimType.SINT32, d.groupCiId));
        }
        ObjectPath written = client.putGuarded(b.build(), PutMode.CREATE_ONLY, WmiContext.empty(), LazyWritePolicy.REQUIRE_LOADED);
        Object key = written.keys().get("AssignmentID");
        if (key == null) {
            throw new io.github.cm4j.ConfigMgrException("PutInstance " + cls + " on " + client.namespace()
                    + " returned the path " + written + " without the AssignmentID the provider assigned");
        }
        return get(((Number) key).longValue());
    }

    private void ensureTemplate(NewDeployment d) {
        try (Stream<WmiObject> s = client.query(Wql.select("*").from(TEMPLATE_CLASS)
                .where(Criteria.eq("Name", d.templateName)).build(), WmiContext.empty())) {
            if (s.findAny().isPresent()) {
                return; // an existing template of that name is used as it is
            }
        }
        WmiObject t = WmiObject.builder(client.wmiClass(TEMPLATE_CLASS)).set("Name", d.templateName)
                .set("Description", "cm4j: settings of deployment " + d.name).set("Data", templateXml(d))
                .set("Type", CimValue.uint32(0)).build();
        client.putGuarded(t, PutMode.CREATE_ONLY, WmiContext.empty(), LazyWritePolicy.REQUIRE_LOADED);
    }

    /** The {@code <TemplateDescription>} XML of "How to Create a Deployment Template", from the deployment's options. */
    static String templateXml(NewDeployment d) {
        long hours = d.deadline == null ? 0 : Duration.between(d.available, d.deadline).toHours();
        boolean days = hours % 24 == 0;
        return "<TemplateDescription xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<CollectionId>" + d.collectionId + "</CollectionId><IncludeSub>false</IncludeSub>"
                + "<AttendedInstall>" + (d.notification != NewDeployment.UserNotification.HIDE_ALL) + "</AttendedInstall>"
                + "<UTC>" + (d.timeBase == NewDeployment.TimeBase.UTC) + "</UTC>"
                + "<Duration>" + (days ? hours / 24 : hours) + "</Duration><DurationUnits>" + (days ? "Days" : "Hours")
                + "</DurationUnits>"
                + "<SuppressServers>" + (d.suppressServers ? "Checked" : "Unchecked") + "</SuppressServers>"
                + "<SuppressWorkstations>" + (d.suppressWorkstations ? "Checked" : "Unchecked") + "</SuppressWorkstations>"
                + "<AllowRestart>false</AllowRestart><DisableMomAlert>false</DisableMomAlert>"
                + "<GenerateMomAlert>false</GenerateMomAlert></TemplateDescription>";
    }

    /**
     * Sets a property the deployment class of the connected version has and a client may write: a {@code read}
     * property (without {@code write}) is the provider's to assign on creation, and setting it is refused
     * ({@code LocaleID} is [read] on {@code SMS_UpdateGroupAssignment}, inherited from
     * {@code SMS_CIAssignmentBaseClass}, and Read/Write on the 2007 {@code SMS_UpdatesAssignment}, where the SDK's
     * "How to Configure and Deploy Updates" sets it).
     */
    private static void setIfPresent(WmiObject.Builder b, WmiClass c, String name, Object value) {
        c.property(name).filter(p -> !p.hasFlag("read") || p.hasFlag("write")).ifPresent(p -> b.set(name, value));
    }

    /** Deployment times travel as CIM datetimes at offset +000; UseGMTTimes says whether they are UTC or client local. */
    private static CimDateTime cim(LocalDateTime t) {
        return CimDateTime.of(t.atOffset(ZoneOffset.UTC));
    }

    private void requireGroups(String operation) {
        SiteVersion v = version.get();
        if (v.is2007()) {
            throw new UnsupportedOnVersionException(operation, v, "ConfigMgr 2007 has no update group deployments"
                    + " (SMS_UpdateGroupAssignment); use listUpdatesAssignments() or listAll()");
        }
    }

    private void require2007(String operation) {
        SiteVersion v = version.get();
        if (!v.is2007()) {
            throw new UnsupportedOnVersionException(operation, v, "SMS_Template is a ConfigMgr 2007 class");
        }
    }

    static String checkCollection(String id) {
        Objects.requireNonNull(id, "collection");
        if (!COLLECTION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a collection ID (8 letters and digits, e.g. SMS00001): '" + id + "'");
        }
        return id.toUpperCase(Locale.ROOT);
    }

    static Optional<Long> ciIdOrNull(Long id) {
        return Optional.ofNullable(id);
    }

    static List<Long> checkedIds(Collection<Long> ids) {
        List<Long> out = new ArrayList<>();
        for (Long id : Objects.requireNonNull(ids, "update CI_IDs")) {
            SoftwareUpdates.path(Objects.requireNonNull(id, "update CI_ID"));
            out.add(id);
        }
        return out;
    }

    /**
     * Names the namespace this view works on.
     *
     * @return e.g. {@code Deployments[root\sms\site_CAS]}
     */
    @Override
    public String toString() {
        return "Deployments[" + client.namespace() + "]";
    }
}
