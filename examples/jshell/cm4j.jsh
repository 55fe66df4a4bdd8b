// cm4j in JShell: started by ./jshell.sh at the repository root (see docs/jshell.md).
// Gives the imports of the public API, a connected client `cm` and a few helpers; type help() for the list.
// `cm` talks to the embedded simulator (memory:demo) unless CM4J_URI names another target, e.g.
//   CM4J_URI='memory:demo?version=2007' ./jshell.sh
//   CM4J_URI=dcom://cm01.lab.local/CAS CM4J_USER='LAB\cmadmin' CM4J_PASSWORD=... ./jshell.sh

import io.github.cm4j.*;
import io.github.cm4j.cim.*;
import io.github.cm4j.model.*;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.sitecontrol.*;
import io.github.cm4j.sync.*;
import io.github.cm4j.updates.*;
import io.github.cm4j.wql.Wql;
import java.time.*;
import java.util.*;
import java.util.stream.*;

/** Connects to a target: memory:demo, memory:demo?version=2007, dcom://host/SITE (with CM4J_USER and CM4J_PASSWORD). */
ConfigMgr connect(String uri) {
    String user = System.getenv("CM4J_USER");
    if (user == null) {
        return ConfigMgr.connect(uri);
    }
    String password = Optional.ofNullable(System.getenv("CM4J_PASSWORD"))
            .orElseThrow(() -> new IllegalStateException("CM4J_USER is set: set CM4J_PASSWORD too"));
    return ConfigMgr.connect(uri, Credentials.of(user, password));
}

ConfigMgr cm = connect(Optional.ofNullable(System.getenv("CM4J_URI")).orElse("memory:demo"));

/** The updates matching the criteria, as a list (lazy properties not loaded). */
List<SoftwareUpdate> find(UpdateQuery query) {
    try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(query)) {
        return s.toList();
    }
}

/** One update with every property loaded (one GetObject). */
SoftwareUpdate update(long ciId) {
    return cm.softwareUpdates().get(ciId);
}

/** Prints the first `limit` results of a WQL query, one object per line. */
void query(String wql, int limit) {
    try (Stream<WmiObject> s = cm.query(wql)) {
        s.limit(limit).forEach(System.out::println);
    }
}

/** Synchronizes the software update point, prints each status message, and returns the result. */
SyncResult sync() {
    return cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30), p -> System.out.println("  " + p));
}

/** The committed site control file components of a site. */
List<SciComponent> components(String site) {
    return cm.siteControl().components(site);
}

void help() {
    System.out.print("""
        cm                      the connected client: cm.site(), cm.softwareUpdates(), cm.updateGroups(),
                                cm.deployments(), cm.softwareUpdatePoint(), cm.siteControl(), cm.query(wql)
        connect(uri)            another client (memory:demo?version=2007, dcom://host/SITE with CM4J_USER/CM4J_PASSWORD)
        find(query)             updates matching an UpdateQuery, e.g.
                                find(UpdateQuery.builder().product("Windows 11").minSeverity(Severity.CRITICAL).build())
        update(ciId)            one update, lazy properties loaded
        query(wql, limit)       print the first results of any WQL query
        sync()                  synchronize the software update point and wait, printing progress
        components(site)        site control file components of a site, e.g. components("PS1")
        Schema.builtIn().classNamed("SMS_SoftwareUpdate")   a class of the built-in schema
        """);
}

System.out.println("cm4j: cm = " + cm + ", " + cm.site() + "; type help() for the helpers");
