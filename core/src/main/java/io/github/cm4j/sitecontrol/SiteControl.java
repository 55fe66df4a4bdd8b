package io.github.cm4j.sitecontrol;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.internal.OperationAccess;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The site control file of the sites this connection reaches: read-only views of the committed copy and
 * edit {@linkplain SiteControlSession sessions}. Obtain it from {@link ConfigMgr#siteControl()}. Thread-safe.
 */
public final class SiteControl {
    private final ProviderClient client;

    static {
        // ConfigMgr constructs this class through OperationAccess; no public constructor takes internals (issue 20).
        OperationAccess.setSiteControl(SiteControl::new);
    }

    /** Through {@link ConfigMgr#siteControl()}; package-private so that no public constructor takes internals. */
    SiteControl(ProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Opens an edit session on a site's control file (GetSessionHandle + RefreshSCF). Close it
     * (try-with-resources) to release the handle.
     *
     * @param siteCode the site, e.g. {@code PS1}
     * @return the session
     * @throws IllegalArgumentException if {@code siteCode} is not three letters or digits
     * @throws io.github.cm4j.MethodFailedException if the provider refuses the handle or the refresh (the
     *     handle is released)
     * @throws io.github.cm4j.TransportException if the connection fails or a deadline passes, or at once, before
     *     any call, when the transport cannot carry context values ({@code adminservice://}: the session handle
     *     travels in the {@code IWbemContext}, which REST has not)
     */
    public SiteControlSession open(String siteCode) {
        if (!client.transport().capabilities().contains(io.github.cm4j.spi.Capability.CONTEXT)) {
            // SMS_SiteControlFile sessions pass the SessionHandle as an IWbemContext value (MS-WMI 2.2.13); a
            // transport without CONTEXT would edit the global copy, so refuse before GetSessionHandle
            throw new io.github.cm4j.TransportException("site control file session on " + siteCode + " over "
                    + client.transport() + ": this transport cannot carry the IWbemContext SessionHandle that "
                    + "site control file sessions need (the AdminService is REST); use dcom:// for site control "
                    + "file sessions", null, null);
        }
        return SiteControlSession.open(client, siteCode);
    }

    /**
     * Opens an edit session on the control file of the connection's own site.
     *
     * @return a session on the site of the connection's namespace
     * @throws IllegalArgumentException if the connection's namespace is not a site namespace
     * @throws io.github.cm4j.MethodFailedException if the provider refuses the handle or the refresh
     */
    public SiteControlSession open() {
        return open(client.namespaceSiteCode());
    }

    /**
     * The committed components of a site (one ExecQuery without a session).
     *
     * @param siteCode the site
     * @return its components, empty when the site is unknown
     */
    public List<SciComponent> components(String siteCode) {
        try (Stream<SciComponent> s = client.query(SciComponent.class, Wql.select("*").from("SMS_SCI_Component")
                .where(Criteria.eq("SiteCode", siteCode)).build(), WmiContext.empty())) {
            return s.toList();
        }
    }

    /**
     * Names the namespace this view reads.
     *
     * @return e.g. {@code SiteControl[root\sms\site_PS1]}
     */
    @Override
    public String toString() {
        return "SiteControl[" + client.namespace() + "]";
    }
}
