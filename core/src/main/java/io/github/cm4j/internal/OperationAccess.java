package io.github.cm4j.internal;

import io.github.cm4j.SiteInfo;
import io.github.cm4j.SiteVersion;
import io.github.cm4j.sitecontrol.SiteControl;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.updates.Deployments;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateCategories;
import io.github.cm4j.updates.UpdateGroups;
import java.util.function.Supplier;

/**
 * The one way {@link io.github.cm4j.ConfigMgr} constructs the operation classes, whose constructors are
 * package-private so that no public constructor takes the internal {@link ProviderClient} (issue 20, item 9).
 * The pattern of the JDK's {@code jdk.internal.access.SharedSecrets}: each operation package registers a factory
 * here from a static initializer; a getter forces that initializer to run (a class literal alone does not,
 * JLS 12.4.1) through {@link Class#forName(String, boolean, ClassLoader)}, which is class loading, not
 * reflective access to members. Each factory may be set once; a second registration is refused.
 *
 * <p>Not API. Thread-safe: the fields are volatile and written once.
 */
public final class OperationAccess {
    /** Constructs the operations of {@code io.github.cm4j.updates}. */
    public interface UpdatesFactory {
        /**
         * @param client the provider calls
         * @param version the site's version, read on first need
         * @return software update operations
         */
        SoftwareUpdates softwareUpdates(ProviderClient client, Supplier<SiteVersion> version);

        /**
         * @param client the provider calls
         * @return update group operations
         */
        UpdateGroups updateGroups(ProviderClient client);

        /**
         * @param client the provider calls
         * @param version the site's version, read on first need
         * @return deployment operations
         */
        Deployments deployments(ProviderClient client, Supplier<SiteVersion> version);

        /**
         * @param client the provider calls
         * @return product and classification operations
         */
        UpdateCategories updateCategories(ProviderClient client);
    }

    /** Constructs {@link SoftwareUpdatePoint}. */
    public interface SyncFactory {
        /**
         * @param client the provider calls
         * @param site the connection's site, read on first need
         * @param siteControl site control sessions (ConfigMgr 2007)
         * @return the software update point operations
         */
        SoftwareUpdatePoint softwareUpdatePoint(ProviderClient client, Supplier<SiteInfo> site,
                SiteControl siteControl);
    }

    /** Constructs {@link SiteControl}. */
    public interface SiteControlFactory {
        /**
         * @param client the provider calls
         * @return the site control file operations
         */
        SiteControl siteControl(ProviderClient client);
    }

    private static volatile UpdatesFactory updates;
    private static volatile SyncFactory sync;
    private static volatile SiteControlFactory siteControl;

    private OperationAccess() {
    }

    /**
     * Called once, by {@link SoftwareUpdates}' static initializer.
     *
     * @param factory the factory
     * @throws IllegalStateException if already set
     */
    public static synchronized void setUpdates(UpdatesFactory factory) {
        if (updates != null) {
            throw new IllegalStateException("updates factory already set");
        }
        updates = factory;
    }

    /**
     * Called once, by {@link SoftwareUpdatePoint}'s static initializer.
     *
     * @param factory the factory
     * @throws IllegalStateException if already set
     */
    public static synchronized void setSync(SyncFactory factory) {
        if (sync != null) {
            throw new IllegalStateException("sync factory already set");
        }
        sync = factory;
    }

    /**
     * Called once, by {@link SiteControl}'s static initializer.
     *
     * @param factory the factory
     * @throws IllegalStateException if already set
     */
    public static synchronized void setSiteControl(SiteControlFactory factory) {
        if (siteControl != null) {
            throw new IllegalStateException("site control factory already set");
        }
        siteControl = factory;
    }

    /** @return the factory of the updates package, its class initialized first if needed */
    public static UpdatesFactory updates() {
        UpdatesFactory f = updates;
        if (f == null) {
            initialize(SoftwareUpdates.class);
            f = updates;
        }
        return f;
    }

    /** @return the factory of {@link SoftwareUpdatePoint}, its class initialized first if needed */
    public static SyncFactory sync() {
        SyncFactory f = sync;
        if (f == null) {
            initialize(SoftwareUpdatePoint.class);
            f = sync;
        }
        return f;
    }

    /** @return the factory of {@link SiteControl}, its class initialized first if needed */
    public static SiteControlFactory siteControl() {
        SiteControlFactory f = siteControl;
        if (f == null) {
            initialize(SiteControl.class);
            f = siteControl;
        }
        return f;
    }

    private static void initialize(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot initialize " + c.getName(), e); // cannot happen: c is loaded
        }
    }
}
