package io.github.cm4j.simulator;

import java.util.Objects;
import java.util.Optional;

/**
 * A site of a simulated hierarchy.
 *
 * @param code the three-character site code, upper case, e.g. {@code PS1}
 * @param name the site name, e.g. {@code Primary Site 1}
 * @param parentCode the parent site's code, or {@code null} for the top site
 * @param serverName the site server's FQDN, e.g. {@code ps1.contoso.com}
 */
public record SimulatedSite(String code, String name, String parentCode, String serverName) {

    /** Validates the components. */
    public SimulatedSite {
        Objects.requireNonNull(code, "code");
        if (!code.matches("[A-Z0-9]{3}")) {
            throw new IllegalArgumentException("a site code is three letters or digits, upper case; got '" + code + "'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serverName, "serverName");
    }

    /** @return the parent site's code, empty for the top site */
    public Optional<String> parent() {
        return Optional.ofNullable(parentCode);
    }

    /** @return whether this is the top site of the hierarchy */
    public boolean isTop() {
        return parentCode == null;
    }

    /** @return the WMI namespace of the site's SMS Provider, {@code root\sms\site_<code>} */
    public String namespace() {
        return "root\\sms\\site_" + code;
    }
}
