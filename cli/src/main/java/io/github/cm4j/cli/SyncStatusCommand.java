package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.SyncState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cm4j sync status}: every site's synchronization state (as Get-CMSoftwareUpdateSyncStatus). */
@Command(name = "status", description = "Every site's synchronization state: state by name, time, error code, catalog version.")
final class SyncStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Target target;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigMgr cm = target.connect()) {
            List<SupSyncStatus> all = cm.softwareUpdatePoint().statuses();
            if (all.isEmpty()) {
                spec.commandLine().getErr().println("cm4j: no site has a software update point (SMS_SUPSyncStatus is empty)");
                return Cm4j.EXIT_FAILED;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SupSyncStatus s : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("siteCode", s.siteCode());
                m.put("lastSyncStateCode", s.lastSyncState().map(x -> (long) x.code()).orElse(0L));
                m.put("lastSyncState", s.lastSyncState().map(SyncState::name).orElse("UNKNOWN"));
                m.put("lastSyncStateTime", s.lastSyncStateTime().map(Object::toString).orElse(null));
                m.put("lastSuccessfulSyncTime", s.lastSuccessfulSyncTime().map(Object::toString).orElse(null));
                m.put("lastSyncErrorCode", output.format() == OutputOptions.Format.JSON ? (Object) s.lastSyncErrorCode()
                        : s.lastSyncErrorCode() == 0 ? "" : "0x" + Long.toHexString(s.lastSyncErrorCode()).toUpperCase(Locale.ROOT));
                m.put("syncCatalogVersion", s.syncCatalogVersion());
                rows.add(m);
            }
            Printer.print(out, output, List.of("siteCode", "lastSyncStateCode", "lastSyncState", "lastSyncStateTime",
                    "lastSyncErrorCode", "syncCatalogVersion"), rows.iterator(), new String[] {"site", "sites"}, "(no sites)");
        }
        return 0;
    }
}
