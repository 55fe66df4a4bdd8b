package io.github.cm4j.simulator;

import io.github.cm4j.simulator.Categories.Category;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seeded software update catalog, generated on the fly: update {@code i} is computed from the seed and
 * {@code i} whenever it is read, so a catalog of a million updates costs no memory. Changes made through
 * the provider (accepting a EULA, setting enforcement, a put) are kept as per-update overrides.
 *
 * <p>Shape: update {@code i} belongs to a <em>line</em> ({@code i % LINES}: a product and kind such as
 * "Cumulative Update for Windows 10") and a <em>generation</em> ({@code i / LINES}: its release date, spread
 * evenly from 2014 to the clock's start). Update {@code i + LINES} of the same line supersedes update
 * {@code i} (an {@code SMS_CIRelation} of type 6); superseded definition updates and updates superseded for
 * more than three months are expired. Updates released in the last six months that are not expired are
 * deployed (their content is in a deployment package and they are members of the monthly
 * update groups). Updates added by a synchronisation are dated at that synchronisation.
 */
final class Catalog {
    /** CI_ID of update 0. */
    static final int FIRST_CI_ID = 16777216;
    /** ContentID of update 0's content. */
    static final int FIRST_CONTENT_ID = 20000000;
    static final Instant EPOCH = LocalDate.of(2014, 1, 14).atStartOfDay().toInstant(ZoneOffset.UTC);

    /** What kind of update a line produces. */
    enum Kind { CUMULATIVE, ROLLUP, SECURITY, SSU, DOTNET, OFFICE_SECURITY, OFFICE_UPDATE, M365, DEFINITION, MSRT, UPGRADE, SERVICE_PACK, SQL }

    /**
     * A line of updates.
     *
     * @param kind the kind
     * @param product the product category
     * @param classification the classification category
     * @param from the first release date
     * @param to the last release date (null: still released)
     * @param eula whether its updates have license terms
     */
    record Line(Kind kind, Category product, Category classification, LocalDate from, LocalDate to, boolean eula) {
        boolean active(Instant t) {
            LocalDate d = t.atZone(ZoneOffset.UTC).toLocalDate();
            return !d.isBefore(from) && (to == null || !d.isAfter(to));
        }

        boolean deployable() {
            return kind != Kind.DEFINITION && kind != Kind.UPGRADE && kind != Kind.SERVICE_PACK;
        }

        boolean supersedesPredecessor() {
            return kind != Kind.SECURITY && kind != Kind.OFFICE_SECURITY && kind != Kind.SQL && kind != Kind.SERVICE_PACK;
        }
    }

    static final List<Line> LINES = List.of(
            line(Kind.CUMULATIVE, Categories.WINDOWS_10, Categories.SECURITY_UPDATES, "2015-08-01", null, false),
            line(Kind.CUMULATIVE, Categories.WINDOWS_11, Categories.SECURITY_UPDATES, "2021-10-12", null, false),
            line(Kind.CUMULATIVE, Categories.SERVER_2016, Categories.SECURITY_UPDATES, "2016-10-11", null, false),
            line(Kind.CUMULATIVE, Categories.SERVER_2019, Categories.SECURITY_UPDATES, "2018-11-13", null, false),
            line(Kind.CUMULATIVE, Categories.SERVER_2022, Categories.SECURITY_UPDATES, "2021-09-14", null, false),
            line(Kind.ROLLUP, Categories.WINDOWS_7, Categories.SECURITY_UPDATES, "2016-10-11", "2023-01-10", false),
            line(Kind.ROLLUP, Categories.SERVER_2008_R2, Categories.SECURITY_UPDATES, "2016-10-11", "2023-01-10", false),
            line(Kind.ROLLUP, Categories.SERVER_2012_R2, Categories.SECURITY_UPDATES, "2016-10-11", "2023-10-10", false),
            line(Kind.SECURITY, Categories.WINDOWS_7, Categories.SECURITY_UPDATES, "2014-01-14", "2016-09-13", false),
            line(Kind.SECURITY, Categories.SERVER_2008_R2, Categories.SECURITY_UPDATES, "2014-01-14", "2016-09-13", false),
            line(Kind.SECURITY, Categories.WINDOWS_81, Categories.SECURITY_UPDATES, "2014-01-14", "2016-09-13", false),
            line(Kind.SECURITY, Categories.SERVER_2012_R2, Categories.SECURITY_UPDATES, "2014-01-14", "2016-09-13", false),
            line(Kind.SSU, Categories.WINDOWS_10, Categories.CRITICAL_UPDATES, "2017-03-14", null, false),
            line(Kind.SSU, Categories.SERVER_2019, Categories.CRITICAL_UPDATES, "2018-11-13", null, false),
            line(Kind.DOTNET, Categories.DOTNET, Categories.SECURITY_UPDATES, "2019-04-18", null, false),
            line(Kind.OFFICE_SECURITY, Categories.OFFICE_2016, Categories.SECURITY_UPDATES, "2015-09-22", null, false),
            line(Kind.OFFICE_SECURITY, Categories.OFFICE_2013, Categories.SECURITY_UPDATES, "2014-01-14", "2023-04-11", false),
            line(Kind.OFFICE_UPDATE, Categories.OFFICE_2016, Categories.UPDATES, "2015-09-22", null, false),
            line(Kind.M365, Categories.M365_APPS, Categories.UPDATES, "2017-09-12", null, false),
            line(Kind.DEFINITION, Categories.DEFENDER, Categories.DEFINITION_UPDATES, "2014-01-14", null, false),
            line(Kind.DEFINITION, Categories.DEFENDER, Categories.DEFINITION_UPDATES, "2014-01-14", null, false),
            line(Kind.DEFINITION, Categories.DEFENDER, Categories.DEFINITION_UPDATES, "2014-01-14", null, false),
            line(Kind.DEFINITION, Categories.DEFENDER, Categories.DEFINITION_UPDATES, "2014-01-14", null, false),
            line(Kind.MSRT, Categories.WINDOWS_10, Categories.UPDATE_ROLLUPS, "2015-08-01", null, false),
            line(Kind.UPGRADE, Categories.WINDOWS_10, Categories.UPGRADES, "2016-08-02", null, true),
            line(Kind.SERVICE_PACK, Categories.OFFICE_2013, Categories.SERVICE_PACKS, "2014-02-25", "2014-12-31", true),
            line(Kind.SQL, Categories.SQL_2019, Categories.SECURITY_UPDATES, "2019-11-04", null, true));

    static final int LINE_COUNT = LINES.size();
    /** The line that fills a slot whose own line is not active at the slot's date. */
    private static final int FALLBACK = 19;

    private final long seed;
    private final int initialSize;
    private final Instant start;
    private final AtomicInteger count;
    private final String siteOfOrigin;
    private final String hierarchyId;
    /** Updates added by synchronisations: first index of each batch and the time it arrived. */
    private final List<long[]> batches = new CopyOnWriteArrayList<>();
    /** Property overrides per update index (lower-case property name to value; a null map value = NULL). */
    final Map<Integer, Map<String, java.util.Optional<io.github.cm4j.cim.CimValue>>> overrides = new ConcurrentHashMap<>();
    /** Deleted update indexes. */
    final Map<Integer, Boolean> deleted = new ConcurrentHashMap<>();
    private final AtomicInteger catalogVersion = new AtomicInteger(100);

    Catalog(long seed, int size, Instant start, String siteOfOrigin, String hierarchyId) {
        this.seed = seed;
        this.initialSize = size;
        this.start = start;
        this.count = new AtomicInteger(size);
        this.siteOfOrigin = siteOfOrigin;
        this.hierarchyId = hierarchyId;
    }

    private static Line line(Kind k, Category p, Category c, String from, String to, boolean eula) {
        return new Line(k, p, c, LocalDate.parse(from), to == null ? null : LocalDate.parse(to), eula);
    }

    /** @return the number of updates */
    int size() {
        return count.get();
    }

    String siteOfOrigin() {
        return siteOfOrigin;
    }

    String hierarchyId() {
        return hierarchyId;
    }

    int catalogVersion() {
        return catalogVersion.get();
    }

    /** @return the index of a CI_ID, or -1 when it is not a catalog update */
    int indexOf(long ciId) {
        long i = ciId - FIRST_CI_ID;
        return i >= 0 && i < count.get() && !deleted.containsKey((int) i) ? (int) i : -1;
    }

    /** @return whether update i exists */
    boolean exists(int i) {
        return i >= 0 && i < count.get() && !deleted.containsKey(i);
    }

    /**
     * Adds updates released now (a synchronisation's "next catalog").
     *
     * @param n how many
     * @param at when they arrive
     * @return the index of the first new update
     */
    synchronized int grow(int n, Instant at) {
        int first = count.get();
        batches.add(new long[] {first, at.toEpochMilli()});
        count.addAndGet(n);
        catalogVersion.incrementAndGet();
        return first;
    }

    /**
     * Updates below this index see their successors (supersedence); a successor at or above it is not applied
     * yet. A delta synchronization adds updates above it and leaves it; a full one moves it to the end, so
     * that existing updates become superseded only by a full synchronization.
     */
    private volatile int supersedenceHorizon = -1;
    /** Upstream changes to existing updates not applied yet (a delta synchronization leaves them pending). */
    private final java.util.NavigableSet<Integer> pendingRevised = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final java.util.NavigableSet<Integer> pendingSuperseded = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final java.util.NavigableSet<Integer> pendingExpired = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final java.util.NavigableSet<Integer> pendingRemoved = new java.util.concurrent.ConcurrentSkipListSet<>();
    private int upstreamGeneration;

    /**
     * What one synchronization changed in the catalog.
     *
     * @param first index of the first new update
     * @param added new updates
     * @param revised existing updates with a new revision
     * @param superseded existing updates newly superseded
     * @param expired existing updates newly expired
     * @param removed existing updates removed
     */
    record SyncChanges(int first, int added, int revised, int superseded, int expired, int removed) {
        int modified() {
            return revised + superseded + expired + removed;
        }
    }

    int horizon() {
        int h = supersedenceHorizon;
        return h < 0 ? initialSize : h;
    }

    /**
     * The upstream catalog moves on (a seeded step per synchronization: new updates, revisions, newly
     * superseded, newly expired and removed updates) and the synchronization takes what its kind takes: a
     * delta one only the new updates, a full one everything pending since the last full one
     * (ConfigMgr 2007 "Synchronizing Software Updates": full = "new, modified and removed metadata").
     *
     * @param full whether this is a full synchronization
     * @param batch how many new updates arrive
     * @param at when they arrive
     * @return the changes applied
     */
    synchronized SyncChanges synchronize(boolean full, int batch, Instant at) {
        int existing = count.get();
        SplittableRandom r = new SplittableRandom(seed * 31 + 0x5E7C + ++upstreamGeneration * 0x9E3779B97F4A7C15L);
        int n = Math.max(2, batch / 3);
        for (int k = 0; k < n && existing > 0; k++) {
            pendingRevised.add(r.nextInt(existing));
            pendingExpired.add(r.nextInt(existing));
            pendingSuperseded.add(r.nextInt(existing));
            if (k % 2 == 0) {
                pendingRemoved.add(r.nextInt(existing));
            }
        }
        int first = grow(batch, at);
        if (!full) {
            return new SyncChanges(first, batch, 0, 0, 0, 0);
        }
        int revised = 0;
        int superseded = 0;
        int expired = 0;
        int removed = 0;
        int oldHorizon = horizon();
        java.util.Set<Integer> wasSuperseded = new java.util.HashSet<>();
        for (int i = Math.max(0, oldHorizon - LINE_COUNT); i < oldHorizon; i++) {
            if (exists(i) && spec(i).superseded()) {
                wasSuperseded.add(i);
            }
        }
        supersedenceHorizon = count.get();
        for (int i = Math.max(0, oldHorizon - LINE_COUNT); i < oldHorizon; i++) {
            if (exists(i) && !wasSuperseded.contains(i) && spec(i).superseded()) {
                superseded++;
            }
        }
        for (int i : pendingRevised) {
            if (exists(i)) {
                Spec s = spec(i);
                Map<String, java.util.Optional<io.github.cm4j.cim.CimValue>> o = overrides.computeIfAbsent(i, k -> new ConcurrentHashMap<>());
                long current = o.getOrDefault("revisionnumber", java.util.Optional.empty()).map(v -> v.asLong()).orElse((long) s.revision);
                o.put("revisionnumber", java.util.Optional.of(io.github.cm4j.cim.CimValue.uint32(current + 1)));
                o.put("datelastmodified", java.util.Optional.of(io.github.cm4j.cim.CimValue.datetime(
                        io.github.cm4j.cim.CimDateTime.of(at))));
                revised++;
            }
        }
        for (int i : pendingSuperseded) {
            if (exists(i) && !spec(i).superseded() && !Boolean.TRUE.equals(flag(i, "issuperseded"))) {
                overrides.computeIfAbsent(i, k -> new ConcurrentHashMap<>())
                        .put("issuperseded", java.util.Optional.of(io.github.cm4j.cim.CimValue.bool(true)));
                superseded++;
            }
        }
        for (int i : pendingExpired) {
            if (exists(i) && !spec(i).expired() && !Boolean.TRUE.equals(flag(i, "isexpired"))) {
                Map<String, java.util.Optional<io.github.cm4j.cim.CimValue>> o = overrides.computeIfAbsent(i, k -> new ConcurrentHashMap<>());
                o.put("isexpired", java.util.Optional.of(io.github.cm4j.cim.CimValue.bool(true)));
                o.put("isdeployable", java.util.Optional.of(io.github.cm4j.cim.CimValue.bool(false)));
                expired++;
            }
        }
        for (int i : pendingRemoved) {
            if (exists(i)) {
                deleted.put(i, Boolean.TRUE);
                removed++;
            }
        }
        pendingRevised.clear();
        pendingSuperseded.clear();
        pendingExpired.clear();
        pendingRemoved.clear();
        return new SyncChanges(first, batch, revised, superseded, expired, removed);
    }

    private Boolean flag(int i, String property) {
        Map<String, java.util.Optional<io.github.cm4j.cim.CimValue>> o = overrides.get(i);
        return o == null || o.get(property) == null ? null : o.get(property).map(v -> v.asBoolean()).orElse(null);
    }

    /** @return how many updates a synchronisation at this point would add (deterministic) */
    int nextBatchSize() {
        return Math.max(3, Math.min(200, initialSize / 400 + 3));
    }

    // ------------------------------------------------------------------------------------- specs

    /** The computed facts of one update. */
    final class Spec {
        final int i;
        final Line line;
        final Instant posted;
        final Instant revised;
        final long hash;
        final int kb;
        final int severity;
        final long size;
        final int numTotal;
        final int numPresent;
        final int numMissing;
        final int numNotApplicable;
        final int revision;
        /** When a synchronization brought this update in; null for the initial catalog (issue 20: DateCreated). */
        final Instant syncedIn;

        Spec(int i) {
            this.i = i;
            this.syncedIn = syncedInOf(i);
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 7);
            this.hash = r.nextLong();
            this.posted = postedOf(i, r);
            Line own = LINES.get(i % LINE_COUNT);
            this.line = own.active(posted) ? own : LINES.get(FALLBACK);
            this.revised = r.nextInt(10) == 0 ? posted.plus(Duration.ofDays(1 + r.nextInt(30))) : posted;
            int step = Math.max(1, 2_100_000 / Math.max(1, initialSize));
            this.kb = 2_900_000 + (int) Math.min(4_000_000L, (long) i * step) + r.nextInt(step);
            switch (line.kind()) {
                case CUMULATIVE: case ROLLUP: case DOTNET:
                    severity = r.nextInt(3) == 0 ? 8 : 10;
                    break;
                case SECURITY: case OFFICE_SECURITY: case SQL:
                    int s = r.nextInt(10);
                    severity = s < 3 ? 10 : s < 8 ? 8 : s < 9 ? 6 : 2;
                    break;
                default:
                    severity = 0;
            }
            long mb = 1024L * 1024;
            switch (line.kind()) {
                case CUMULATIVE: size = (300 + r.nextInt(600)) * mb; break;
                case UPGRADE: size = (3500 + r.nextInt(1000)) * mb; break;
                case DEFINITION: size = (80 + r.nextInt(70)) * mb; break;
                case M365: size = (1800 + r.nextInt(600)) * mb; break;
                case ROLLUP: size = (150 + r.nextInt(350)) * mb; break;
                default: size = (1 + r.nextInt(90)) * mb + r.nextInt(1024 * 1024);
            }
            this.numTotal = 250;
            boolean applicable = line.product() != Categories.WINDOWS_7 && line.product() != Categories.SERVER_2008_R2
                    && line.product() != Categories.WINDOWS_81 && line.product() != Categories.OFFICE_2013;
            int applicableTo = applicable ? 40 + r.nextInt(160) : r.nextInt(4);
            this.numMissing = applicableTo == 0 ? 0 : r.nextInt(Math.max(1, applicableTo / 3));
            this.numPresent = applicableTo - numMissing;
            this.numNotApplicable = numTotal - applicableTo - 2;
            this.revision = 100 + 100 * r.nextInt(3) + r.nextInt(5);
        }

        private Spec next;
        private Boolean superseded;

        int ciId() {
            return FIRST_CI_ID + i;
        }

        private Spec next() {
            if (next == null && i + LINE_COUNT < horizon() && exists(i + LINE_COUNT)) {
                next = spec(i + LINE_COUNT);
            }
            return next;
        }

        /** @return the update that supersedes this one, or null */
        Spec supersededBy() {
            return superseded() && next() != null ? next() : null;
        }

        boolean superseded() {
            if (superseded == null) {
                superseded = line.supersedesPredecessor() ? next() != null && next().line.equals(line)
                        : (hash & 0xFF) < 38 && posted.isBefore(start.minus(Duration.ofDays(730))) && next() != null;
            }
            return superseded;
        }

        Instant supersededAt() {
            return next() != null ? next().posted : posted;
        }

        boolean expired() {
            if (line.kind() == Kind.DEFINITION) {
                return superseded();
            }
            if (superseded() && supersededAt().isBefore(start.minus(Duration.ofDays(91)))) {
                return true;
            }
            return ((hash >>> 8) & 0xFF) < 4;
        }

        boolean deployed() {
            return line.deployable() && !expired() && posted.isAfter(start.minus(Duration.ofDays(183)));
        }

        String uniqueId() {
            return uuid(hash, 0x5EED);
        }

        String contentUniqueId() {
            return uuid(hash, 0xC0417E47);
        }

        String title() {
            String ym = posted.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
            boolean x64 = (hash & 0x100) != 0;
            switch (line.kind()) {
                case CUMULATIVE:
                    String ver = line.product() == Categories.WINDOWS_10 ? "Windows 10 Version 22H2"
                            : line.product() == Categories.WINDOWS_11 ? "Windows 11 Version 23H2"
                            : line.product() == Categories.SERVER_2022 ? "Microsoft server operating system version 21H2"
                            : line.product().name();
                    return ym + " Cumulative Update for " + ver + " for x64-based Systems (KB" + kb + ")";
                case ROLLUP:
                    return ym + " Security Monthly Quality Rollup for " + line.product().name()
                            + " for x64-based Systems (KB" + kb + ")";
                case SECURITY:
                    return "Security Update for " + line.product().name() + (x64 ? " for x64-based Systems" : "")
                            + " (KB" + kb + ")";
                case SSU:
                    return ym + " Servicing Stack Update for " + line.product().name() + " for x64-based Systems (KB" + kb + ")";
                case DOTNET:
                    return ym + " Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 10 Version 22H2 for x64 (KB" + kb + ")";
                case OFFICE_SECURITY:
                    return "Security Update for Microsoft " + line.product().name().replace("Office", "Office") + " (KB" + kb + ")"
                            + (x64 ? " 64-Bit Edition" : " 32-Bit Edition");
                case OFFICE_UPDATE:
                    return "Update for Microsoft Office 2016 (KB" + kb + ")" + (x64 ? " 64-Bit Edition" : " 32-Bit Edition");
                case M365:
                    return "Microsoft 365 Apps Update - Current Channel Version " + ym.substring(2, 4) + ym.substring(5, 7)
                            + " for x64 based Edition (Build " + (10000 + (int) (Math.abs(hash) % 8000)) + ".20" + (100 + i % 200) + ")";
                case DEFINITION:
                    return posted.isBefore(Instant.parse("2019-06-01T00:00:00Z"))
                            ? "Definition Update for Windows Defender Antivirus - KB2267602 (Definition " + defVersion() + ")"
                            : "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version " + defVersion() + ")";
                case MSRT:
                    return "Windows Malicious Software Removal Tool x64 - v5." + (10 + i / LINE_COUNT % 120) + " (KB890830)";
                case UPGRADE:
                    return "Windows 10 (business editions), version 22H2, en-us x64 " + ym;
                case SERVICE_PACK:
                    return "Service Pack 1 for Microsoft Office 2013 (KB2850036)" + (x64 ? " 64-Bit Edition" : " 32-Bit Edition");
                default:
                    return "Security Update for SQL Server 2019 RTM CU (KB" + kb + ")";
            }
        }

        String articleId() {
            switch (line.kind()) {
                case DEFINITION: return "2267602";
                case MSRT: return "890830";
                case M365: return "";
                case SERVICE_PACK: return "2850036";
                default: return Integer.toString(kb);
            }
        }

        String bulletinId() {
            boolean msrcEra = posted.isBefore(Instant.parse("2017-04-11T00:00:00Z"));
            if (!msrcEra || severity == 0) {
                return "";
            }
            int year = posted.atZone(ZoneOffset.UTC).getYear() % 100;
            int dayOfYear = posted.atZone(ZoneOffset.UTC).getDayOfYear();
            return String.format(Locale.ROOT, "MS%02d-%03d", year, 1 + dayOfYear * 150 / 366);
        }

        String defVersion() {
            long n = i / LINE_COUNT;
            return "1." + (200 + n / 40) + "." + (n % 40 * 37 % 3000) + ".0";
        }

        String severityName() {
            switch (severity) {
                case 10: return "Critical";
                case 8: return "Important";
                case 6: return "Moderate";
                case 2: return "Low";
                default: return null;
            }
        }

        String fileName() {
            String k = "kb" + articleId();
            switch (line.kind()) {
                case CUMULATIVE: case SSU: case DOTNET: case ROLLUP:
                    return "windows10.0-" + k + "-x64_" + hex(hash, 40) + ".msu";
                case DEFINITION:
                    return "am_delta_patch_" + defVersion() + "_" + hex(hash, 40) + ".exe";
                case OFFICE_SECURITY: case OFFICE_UPDATE: case SERVICE_PACK:
                    return "office-" + k + "-fullfile-x64-glb.exe";
                case UPGRADE:
                    return "19045.4412.240506-1530.22h2_release_svc_refresh_CLIENTBUSINESS_VOL_x64FRE_en-us.esd";
                default:
                    return k + "-x64_" + hex(hash, 40) + ".cab";
            }
        }

        String sourceUrl() {
            String ym = posted.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7).replace('-', '/');
            return "http://download.windowsupdate.com/c/msdownload/update/software/secu/" + ym + "/" + fileName();
        }
    }

    /** @return the computed facts of update i */
    Spec spec(int i) {
        return new Spec(i);
    }

    /** @return the time of the synchronization that added update i, or null when it is in the initial catalog */
    private Instant syncedInOf(int i) {
        if (i < initialSize) {
            return null;
        }
        Instant at = null;
        for (long[] b : batches) {
            if (i >= b[0]) {
                at = Instant.ofEpochMilli(b[1]);
            }
        }
        return at;
    }

    private Instant postedOf(int i, SplittableRandom r) {
        if (i >= initialSize) {
            long at = start.toEpochMilli();
            for (long[] b : batches) {
                if (i >= b[0]) {
                    at = b[1];
                }
            }
            return Instant.ofEpochMilli(at).minus(Duration.ofMinutes(30 + r.nextInt(600)));
        }
        long span = start.toEpochMilli() - EPOCH.toEpochMilli() - Duration.ofDays(2).toMillis();
        int generations = Math.max(1, (initialSize + LINE_COUNT - 1) / LINE_COUNT);
        int g = i / LINE_COUNT;
        double at = (g + 0.5) / generations;
        long jitter = (long) ((r.nextDouble() - 0.5) * span / generations * 0.8);
        return Instant.ofEpochMilli(EPOCH.toEpochMilli() + (long) (span * at) + jitter)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    static String uuid(long hash, long salt) {
        SplittableRandom r = new SplittableRandom(hash ^ salt * 0x9E3779B97F4A7C15L);
        long hi = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    static String hex(long hash, int length) {
        SplittableRandom r = new SplittableRandom(hash);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(String.format(Locale.ROOT, "%016x", r.nextLong()));
        }
        return sb.substring(0, length);
    }
}
