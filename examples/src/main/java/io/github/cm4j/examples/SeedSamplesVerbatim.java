package io.github.cm4j.examples;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The two samples of the ConfigMgr 2007 SDK page "How to Synchronize with the Software Update Point", call for
 * call through cm4j's generic API ({@code ConfigMgr.get/query/invoke} and the transport's put), one method per
 * sample; each call is preceded by the sample line it mirrors. After each sample the program waits for the
 * synchronization it triggered and prints its status messages up to 6702 (done).
 *
 * <pre>
 * SeedSamplesVerbatim --uri 'memory:demo?version=2007'
 * SeedSamplesVerbatim --uri dcom://cm07.lab:135/CEN --user 'LAB\admin' --sup-server wsus.lab
 * </pre>
 *
 * Two deliberate differences from the samples: the timestamp is seconds since 1970 of the current instant, which
 * is UTC whatever the machine's zone (the VBScript sample adds a fixed 8 hours to local time, right in one time
 * zone only); and the samples' error handling (the C# {@code catch (SmsException)}) is cm4j's exceptions, which
 * end the program with exit status 1. Exit status: 0 when both synchronizations reached 6702, 1 when one failed
 * (6703) or a call was refused, 3 when one was still running at {@code --timeout}.
 */
public final class SeedSamplesVerbatim {
    private static final String SCF = "SMS_SiteControlFile";
    private static final String COMPONENT = "SMS_WSUS_SYNC_MANAGER";

    private SeedSamplesVerbatim() {
    }

    /**
     * @param args {@code [--uri URI] [--user DOMAIN\\user] [--site CODE] [--sup-server NAME] [--timeout DURATION]}
     */
    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(SeedSamplesVerbatim.class, args, "--site CODE", "--sup-server NAME",
                "--timeout DURATION");
        Duration timeout = a.durationOption("--timeout", Duration.ofMinutes(30));
        int status;
        try (ConfigMgr cm = a.connect()) {
            String siteCode = a.option("--site").orElse(cm.site().siteCode());
            // The samples paste their parameters into WQL and object paths; checked here so that they cannot
            // change the query (a site code is three letters or digits, a server name has no quote or backslash).
            if (!siteCode.matches("[A-Za-z0-9]{3}")) {
                throw a.usageError("--site " + siteCode + ": a site code is three letters or digits");
            }
            // The C# sample takes the software update point's server as a parameter; its caller knows it. Ours
            // reads it from SMS_SUPSyncStatus (WSUSServerName), unless told.
            String supServer = a.option("--sup-server").orElseGet(() -> supServerOf(cm, siteCode));
            if (!supServer.matches("[A-Za-z0-9._-]+")) {
                throw a.usageError("--sup-server " + supServer + ": a host name of letters, digits, '.', '-' and '_'");
            }
            System.out.println("Site " + siteCode + ", software update point " + supServer + ", " + cm.site().version());

            System.out.println();
            System.out.println("VBScript sample (SWbemServices, session handle in the context):");
            status = waitForSync(cm, siteCode, vbScriptSample(cm, siteCode), timeout);
            if (status == 0) {
                // The top site's synchronization ends with a notification to the child sites, which synchronize
                // from it next; a Sync Now written meanwhile is taken by the running synchronization and starts
                // none of its own. So the second sample waits until the whole hierarchy is done.
                status = waitForChildSites(cm, siteCode, timeout);
            }
            if (status == 0) {
                // Sync Now starts a synchronization when it changes; both samples write the current second, so a
                // C# sample run within the second of the VBScript one would write the same value: wait it out.
                awaitNextSecondAfter(committedSyncNow(cm, siteCode));
                System.out.println();
                System.out.println("C# sample (GetInstance by item name, Put without a session handle):");
                status = waitForSync(cm, siteCode, cSharpSample(cm, siteCode, supServer), timeout);
                if (status == 0) {
                    status = waitForChildSites(cm, siteCode, timeout);
                }
            }
        } catch (ConfigMgrException e) {
            // The C# sample's catch (SmsException ex): print the error and stop. The message names the call,
            // the target and the WBEM code (WBEM_E_NOT_FOUND for a server without the component, ...).
            System.err.println("SeedSamplesVerbatim: failed: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /**
     * {@code Sub SynchronizeSoftwareUpdatePoint(swbemServices, swbemContext, siteCode)}, with the caller's part
     * ("Calling Configuration Manager Code Snippets": the context with the session handle) around it.
     *
     * @return the RecordID of the last status message before the trigger
     */
    static long vbScriptSample(ConfigMgr cm, String siteCode) {
        long baseline = lastRecordId(cm, siteCode);
        long before = committedSyncNow(cm, siteCode);

        // The caller: context.Add "SessionHandle", connection.ExecMethod("SMS_SiteControlFile", "GetSessionHandle").SessionHandle
        String handle = cm.invoke(SCF, "GetSessionHandle", Map.of()).getString("SessionHandle");
        WmiContext swbemContext = WmiContext.empty().with("LocaleID", "MS\\1033")
                .with("ApplicationName", "SeedSamplesVerbatim").with(WmiContext.SESSION_HANDLE, handle);

        // swbemServices.ExecMethod "SMS_SiteControlFile.Filetype=1,Sitecode=""" & siteCode & """", "Refresh", , , swbemContext
        cm.invoke("SMS_SiteControlFile.Filetype=1,Sitecode=\"" + siteCode + "\"", "Refresh", Map.of(), swbemContext);

        // calculatedUTCOffsetinSeconds = (8 * 60 * 60)
        // currentTimestamp = datediff("s", "1/1/1970 12:00:00 AM", now()) + calculatedUTCOffsetinSeconds
        // Not so here: epoch seconds of the current instant are UTC already, in every time zone.
        long currentTimestamp = Instant.now().getEpochSecond();

        // Query = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER' AND SiteCode = '" & siteCode & "'"
        String query = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = '" + COMPONENT + "' AND SiteCode = '"
                + siteCode + "'";
        // Set SCIComponentSet = swbemServices.ExecQuery(Query, ,wbemFlagForwardOnly Or wbemFlagReturnImmediately, swbemContext)
        List<WmiObject> sciComponentSet;
        try (Stream<WmiObject> s = cm.query(query, swbemContext)) {
            sciComponentSet = s.toList();
        }
        // For Each SCIComponent In SCIComponentSet
        for (WmiObject sciComponent : sciComponentSet) {
            List<WmiObject> props = new ArrayList<>();
            // For Each vProperty In SCIComponent.Props
            for (WmiObject vProperty : sciComponent.get("Props").map(CimValue::asObjectList).orElse(List.of())) {
                // If vProperty.PropertyName = "Sync Now" Then
                if ("Sync Now".equals(vProperty.getString("PropertyName"))) {
                    // vProperty.Value = currentTimestamp
                    vProperty = vProperty.with("Value", currentTimestamp);
                    // wscript.echo "New value " & currentTimestamp
                    System.out.println("  New value " + currentTimestamp);
                    // wscript.echo "Reset 'Sync Now' property with current timestamp. "
                    System.out.println("  Reset 'Sync Now' property with current timestamp.");
                }
                props.add(vProperty);
            }
            // WmiObject is immutable, so the sample's in-place "vProperty.Value = ..." becomes a copy put back into
            // Props. (In VBScript the array SCIComponent.Props returns is a copy, and "How to Read and Write to the
            // Site Control File by Using WMI" assigns resource.Props = updatedProps before Put_; the 2007 sample
            // relies on the element edit reaching the component.)
            sciComponent = sciComponent.with("Props", CimValue.objectArray(props));
            // Set SCICompPath = SCIComponent.Put_(wbemChangeFlagUpdateOnly, swbemContext)
            Object sciCompPath = cm.transport().put(cm.namespace(), sciComponent, PutMode.UPDATE_ONLY,
                    CallOptions.defaults(), swbemContext);
            System.out.println("  Put (update only, in the session): " + sciCompPath);
        }

        // Set InParams = swbemServices.Get("SMS_SiteControlFile").Methods_("CommitSCF").InParameters.SpawnInstance_
        // InParams.SiteCode = siteCode
        // swbemServices.ExecMethod "SMS_SiteControlFile", "CommitSCF", InParams, , swbemContext
        cm.invoke(SCF, "CommitSCF", Map.of("SiteCode", siteCode), swbemContext);

        // swbemServices.Get("SMS_SiteControlFile").ReleaseSessionHandle swbemContext.Item("SessionHandle").Value
        cm.invoke(SCF, "ReleaseSessionHandle", Map.of("SessionHandle", swbemContext.sessionHandle().orElseThrow()));

        System.out.println("  Changed: " + COMPONENT + " of " + siteCode + ": Sync Now " + before + " -> "
                + committedSyncNow(cm, siteCode) + " (committed by CommitSCF)");
        return baseline;
    }

    /**
     * {@code public void SynchronizeSoftwareUpdatePoint(WqlConnectionManager connection, string siteCode, string
     * SUPServerName)}.
     *
     * @return the RecordID of the last status message before the trigger
     */
    static long cSharpSample(ConfigMgr cm, String siteCode, String supServerName) {
        long baseline = lastRecordId(cm, siteCode);
        long before = committedSyncNow(cm, siteCode);

        // DateTime baseTimeValue = new DateTime(1970, 1, 1); DateTime currentDateTime = DateTime.UtcNow;
        // TimeSpan calculatedTimeStamp = currentDateTime.Subtract(baseTimeValue);
        // int currentTimestamp = Convert.ToInt32(calculatedTimeStamp.TotalSeconds);
        int currentTimestamp = Math.toIntExact(Instant.now().getEpochSecond());

        // IResultObject siteDefinition = connection.GetInstance(@"SMS_SCI_Component.FileType=2,ItemType='Component',
        //     SiteCode='" + siteCode + "',ItemName='SMS_WSUS_SYNC_MANAGER|" + SUPServerName + "'");
        WmiObject siteDefinition = cm.get("SMS_SCI_Component.FileType=2,ItemType='Component',SiteCode='" + siteCode
                + "',ItemName='" + COMPONENT + "|" + supServerName + "'");
        // Dictionary<string, IResultObject> embeddedProperties = siteDefinition.EmbeddedProperties;
        List<WmiObject> embeddedProperties = new ArrayList<>();
        // foreach (KeyValuePair<string, IResultObject> kvp in siteDefinition.EmbeddedProperties)
        for (WmiObject kvp : siteDefinition.get("Props").map(CimValue::asObjectList).orElse(List.of())) {
            // if (kvp.Value.PropertyList["PropertyName"] == "Sync Now")
            if ("Sync Now".equals(kvp.getString("PropertyName"))) {
                // embeddedProperties["Sync Now"]["Value"].StringValue = currentTimestamp.ToString();
                kvp = kvp.with("Value", (long) currentTimestamp);
                // Console.WriteLine("Reset 'Sync Now' property with current timestamp.");
                System.out.println("  Reset 'Sync Now' property with current timestamp.");
            }
            embeddedProperties.add(kvp);
        }
        // siteDefinition.EmbeddedProperties = embeddedProperties;
        siteDefinition = siteDefinition.with("Props", CimValue.objectArray(embeddedProperties));

        // siteDefinition.Put();  -- no session handle: the provider edits the global copy, no commit follows
        Object path = cm.transport().put(cm.namespace(), siteDefinition, PutMode.CREATE_OR_UPDATE, CallOptions.defaults(),
                WmiContext.empty());
        System.out.println("  Put (without a session handle): " + path);

        System.out.println("  Changed: " + COMPONENT + " of " + siteCode + ": Sync Now " + before + " -> "
                + committedSyncNow(cm, siteCode) + " (global copy, no CommitSCF)");
        return baseline;
    }

    /** Polls the status messages of SMS_WSUS_SYNC_MANAGER after {@code baseline} until 6702, 6703 or the timeout. */
    private static int waitForSync(ConfigMgr cm, String siteCode, long baseline, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long last = baseline;
        while (true) {
            List<WmiObject> messages;
            try (Stream<WmiObject> s = cm.query("SELECT RecordID, MessageID, Time FROM SMS_StatusMessage WHERE Component = '"
                    + COMPONENT + "' AND SiteCode = '" + siteCode + "' AND RecordID > " + last + " ORDER BY RecordID")) {
                messages = s.toList();
            }
            for (WmiObject m : messages) {
                last = m.getLong("RecordID");
                long id = m.getLong("MessageID");
                System.out.println("  " + id + " " + siteCode + " " + m.get("Time").map(v -> (Object) v.asDateTime().toInstant()).orElse("")
                        + (id == 6702 ? "  synchronization done" : id == 6703 ? "  synchronization failed" : ""));
                if (id == 6702) {
                    return 0;
                }
                if (id == 6703) {
                    return 1;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                System.err.println("SeedSamplesVerbatim: no 6702 within " + timeout + "; the synchronization is still running");
                return 3;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 3;
            }
        }
    }

    /**
     * Polls SMS_SUPSyncStatus until every other site has finished a synchronization (6702 or 6703) that ended after
     * the site's own last one.
     */
    private static int waitForChildSites(ConfigMgr cm, String siteCode, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<WmiObject> rows;
            try (Stream<WmiObject> s = cm.query("SELECT SiteCode, LastSyncState, LastSyncStateTime FROM SMS_SUPSyncStatus")) {
                rows = s.toList();
            }
            Instant top = rows.stream().filter(r -> siteCode.equalsIgnoreCase(r.getString("SiteCode"))).findFirst()
                    .flatMap(r -> r.get("LastSyncStateTime")).map(v -> v.asDateTime().toInstant()).orElse(Instant.MIN);
            List<WmiObject> children = rows.stream().filter(r -> !siteCode.equalsIgnoreCase(r.getString("SiteCode"))).toList();
            boolean done = children.stream().allMatch(r -> {
                long state = r.get("LastSyncState").map(v -> v.asLong()).orElse(0L);
                Instant at = r.get("LastSyncStateTime").map(v -> v.asDateTime().toInstant()).orElse(Instant.MIN);
                return (state == 6702 || state == 6703) && at.isAfter(top);
            });
            if (done) {
                children.forEach(r -> System.out.println("  " + r.getString("SiteCode") + " (child site) "
                        + r.getLong("LastSyncState") + " at " + r.get("LastSyncStateTime").map(v -> v.asDateTime().toInstant())
                        .map(Object::toString).orElse("")));
                return 0;
            }
            if (Instant.now().isAfter(deadline)) {
                System.err.println("SeedSamplesVerbatim: the child sites have not finished within " + timeout);
                return 3;
            }
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static void awaitNextSecondAfter(long epochSecond) {
        while (Instant.now().getEpochSecond() <= epochSecond) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String supServerOf(ConfigMgr cm, String siteCode) {
        try (Stream<WmiObject> s = cm.query("SELECT WSUSServerName FROM SMS_SUPSyncStatus WHERE SiteCode = '" + siteCode + "'")) {
            return s.findFirst().map(o -> o.getString("WSUSServerName")).orElseThrow(() -> new IllegalStateException(
                    "site " + siteCode + " has no software update point (no SMS_SUPSyncStatus row); give --sup-server"));
        }
    }

    /** The committed Sync Now value, read without a session handle (what every other client sees). */
    private static long committedSyncNow(ConfigMgr cm, String siteCode) {
        try (Stream<WmiObject> s = cm.query("SELECT * FROM SMS_SCI_Component WHERE ComponentName = '" + COMPONENT
                + "' AND SiteCode = '" + siteCode + "'")) {
            return s.flatMap(c -> c.get("Props").map(CimValue::asObjectList).orElse(List.of()).stream())
                    .filter(p -> "Sync Now".equals(p.getString("PropertyName"))).map(p -> p.getLong("Value"))
                    .findFirst().orElse(0L);
        }
    }

    private static long lastRecordId(ConfigMgr cm, String siteCode) {
        try (Stream<WmiObject> s = cm.query("SELECT RecordID FROM SMS_StatusMessage WHERE Component = '" + COMPONENT
                + "' AND SiteCode = '" + siteCode + "' ORDER BY RecordID DESC")) {
            return s.findFirst().map(o -> o.getLong("RecordID")).orElse(0L);
        }
    }
}
