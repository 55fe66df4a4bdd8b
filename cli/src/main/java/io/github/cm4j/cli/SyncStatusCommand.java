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
    @Option(names = "--json", description = "One JSON object per site (JSON Lines).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigMgr cm = target.connect()) {
            List<SupSyncStatus> all = cm.softwareUpdatePoint().statuses();
            if (all.isEmpty()) {
                spec.commandLine().getErr().println("cm4j: no site has a software update point (SMS_SUPSyncStatus is empty)");
                return Cm4j.EXIT_FAILED;
            }
            List<List<String>> rows = new ArrayList<>();
            for (SupSyncStatus s : all) {
                String state = s.lastSyncState().map(SyncState::name).orElse("UNKNOWN");
                long code = s.lastSyncState().map(x -> (long) x.code()).orElse(0L);
                String error = s.lastSyncErrorCode() == 0 ? "" : "0x" + Long.toHexString(s.lastSyncErrorCode()).toUpperCase(Locale.ROOT);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("siteCode", s.siteCode());
                    m.put("lastSyncState", state);
                    m.put("lastSyncStateCode", code);
                    m.put("lastSyncStateTime", s.lastSyncStateTime().map(Object::toString).orElse(null));
                    m.put("lastSuccessfulSyncTime", s.lastSuccessfulSyncTime().map(Object::toString).orElse(null));
                    m.put("lastSyncErrorCode", s.lastSyncErrorCode());
                    m.put("syncCatalogVersion", s.syncCatalogVersion());
                    out.println(Json.write(m));
                } else {
                    rows.add(List.of(s.siteCode(), code + " " + state, s.lastSyncStateTime().map(Object::toString).orElse(""),
                            error, Long.toString(s.syncCatalogVersion())));
                }
            }
            if (!json) {
                TextTable.print(out, List.of("Site", "State", "Time", "Error", "Catalog"), rows, 100);
            }
        }
        return 0;
    }
}
