package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.WmiTransportContractTest;
import io.github.cm4j.wmi.transport.DcomTransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Against a real SMS Provider, only when the environment names one: {@code CM4J_LIVE_URI} (e.g.
 * {@code dcom://sccm01.lab.local/PS1}), {@code CM4J_LIVE_USER} (domain, a backslash, the user) and {@code CM4J_PASSWORD}; skipped,
 * saying so, otherwise. It reads {@code SMS_Site} and one {@code SMS_SoftwareUpdate} with its lazy properties over
 * {@code dcom://}, and runs the read-only part of the contract kit (queries, gets, class definitions, errors,
 * concurrency, close); the kit's writing groups (puts and deletes, methods, CIM values, context values) are skipped so
 * that nothing on the site changes, and so are the fault and probe tests, which need a simulated target.
 *
 * <pre>{@code
 * CM4J_LIVE_URI=dcom://sccm01.lab.local/PS1 CM4J_LIVE_USER='LAB\svc-cm' CM4J_PASSWORD=... \
 *     mvn -B -pl wmi-simulator test -Dtest=DcomLiveSiteTest
 * }</pre>
 */
@ExtendWith(DcomLiveSiteTest.LiveSiteOnly.class)
class DcomLiveSiteTest extends WmiTransportContractTest {
    static final String URI_VARIABLE = "CM4J_LIVE_URI";
    static final String USER_VARIABLE = "CM4J_LIVE_USER";
    static final String PASSWORD_VARIABLE = "CM4J_PASSWORD";
    /** The kit's groups that write to the site (or open site control sessions): never run against a live site. */
    private static final Set<String> WRITING_GROUPS = Set.of("PutsAndDeletes", "Methods", "CimValues", "ContextValues");
    private static final Pattern SITE = Pattern.compile("(?i)site_([a-z0-9]{3})$");

    /** Runs the class only with a live site configured, and never the kit's writing groups. */
    static final class LiveSiteOnly implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            for (String v : List.of(URI_VARIABLE, USER_VARIABLE, PASSWORD_VARIABLE)) {
                String value = System.getenv(v);
                if (value == null || value.isBlank()) {
                    return ConditionEvaluationResult.disabled("no live site: set " + URI_VARIABLE + ", " + USER_VARIABLE + " and "
                            + PASSWORD_VARIABLE + " (" + v + " is not set)");
                }
            }
            return context.getTestClass().map(Class::getSimpleName).filter(WRITING_GROUPS::contains)
                    .map(g -> ConditionEvaluationResult.disabled(g + " writes to the site; not run against a live site"))
                    .orElse(ConditionEvaluationResult.enabled("live site " + System.getenv(URI_VARIABLE)));
        }
    }

    @Override
    protected WmiTransport openTransport() {
        TransportConfig config = new TransportConfig(URI.create(System.getenv(URI_VARIABLE)),
                Credentials.of(System.getenv(USER_VARIABLE), System.getenv(PASSWORD_VARIABLE)), Duration.ofSeconds(30),
                Duration.ofMinutes(2), TransportConfig.DEFAULT_BATCH_SIZE);
        return new DcomTransportProvider().open(config);
    }

    @Override
    protected ContractFixture fixture() {
        try (WmiTransport t = openTransport()) {
            String namespace = t.defaultNamespace();
            Matcher m = SITE.matcher(namespace);
            assertThat(m.find()).as("%s names a site namespace root\\sms\\site_<code>", namespace).isTrue();
            return new ContractFixture(namespace, m.group(1).toUpperCase(Locale.ROOT));
        }
    }

    @Test
    void readsTheSiteAndOneSoftwareUpdateWithItsLazyProperties() {
        WmiTransport t = transport();
        String ns = t.defaultNamespace();
        List<WmiObject> sites;
        try (Stream<WmiObject> s = t.query(ns, "SELECT * FROM SMS_Site", QueryOptions.defaults(), WmiContext.empty())) {
            sites = s.toList();
        }
        assertThat(sites).as("SMS_Site rows").isNotEmpty().allSatisfy(s -> assertThat(s.getString("SiteCode")).hasSize(3));
        WmiObject queried;
        try (Stream<WmiObject> s = t.query(ns, "SELECT * FROM SMS_SoftwareUpdate", QueryOptions.defaults().withBatchSize(1),
                WmiContext.empty())) {
            queried = s.findFirst().orElseThrow(() -> new AssertionError("the site has no software update"));
        }
        List<String> lazy = Schema.builtIn().find("SMS_SoftwareUpdate").orElseThrow().lazyProperties().stream()
                .map(PropertyDefinition::name).toList();
        WmiObject got = t.get(ns, ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=" + queried.getLong("CI_ID")),
                CallOptions.timeout(Duration.ofMinutes(2)), WmiContext.empty());
        assertThat(got.getLong("CI_ID")).isEqualTo(queried.getLong("CI_ID"));
        assertThat(lazy).as("lazy properties loaded by GetObject").anySatisfy(p -> assertThat(got.isNull(p)).as(p).isFalse());
    }
}
