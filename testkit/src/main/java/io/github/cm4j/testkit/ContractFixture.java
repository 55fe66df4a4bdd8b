package io.github.cm4j.testkit;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@link WmiTransportContractTest} needs to know about the SMS Provider behind the transport under test:
 * the namespace to call and the code of the site it serves.
 *
 * <p>The site must be a ConfigMgr site as any site is: an {@code SMS_Site} row for the site code, a site
 * control file with the {@code SMS_WSUS_SYNC_MANAGER} component, the {@code SMS_SiteControlFile} session
 * methods, and some {@code SMS_SoftwareUpdate} rows (at least 40, some with license terms). The classes are
 * those of the built-in schema ({@link io.github.cm4j.schema.Schema#builtIn()}). The cm4j simulator
 * ({@code memory:demo}, site {@code CAS}) and the loopback DCOM server over it are such targets.
 *
 * @param namespace the namespace the tests call, e.g. {@code root\sms\site_CAS}
 * @param siteCode the three-character code of the site that namespace serves, e.g. {@code CAS}
 */
public record ContractFixture(String namespace, String siteCode) {

    /** Validates the components. */
    public ContractFixture {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(siteCode, "siteCode");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("the namespace must not be blank");
        }
        if (!siteCode.matches("[A-Za-z0-9]{3}")) {
            throw new IllegalArgumentException("a site code has three letters or digits, not '" + siteCode + "'");
        }
    }

    /**
     * @param siteCode the site code, e.g. {@code PS1}
     * @return the fixture for that site's SMS Provider namespace {@code root\sms\site_<code>}
     */
    public static ContractFixture forSite(String siteCode) {
        Objects.requireNonNull(siteCode, "siteCode");
        return new ContractFixture("root\\sms\\site_" + siteCode.toUpperCase(Locale.ROOT), siteCode.toUpperCase(Locale.ROOT));
    }
}
