package io.github.cm4j.adminservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.Credentials;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bounded retries of idempotent GETs only: against a port where nothing listens (connection refused at once), a
 * get waits out its backoffs (200 ms, then 400 ms) before failing, with retries=0 it fails at once, and a method
 * call (a POST, which may change state) is never retried.
 */
class RetriesTest {
    private static final CallOptions CALL = CallOptions.timeout(Duration.ofSeconds(20));
    private static final ObjectPath SITE = ObjectPath.of("SMS_Site", Map.of("SiteCode", "CAS"));

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static WmiTransport open(int port, String options) {
        return new AdminServiceTransportProvider().open(TransportConfig.of(
                URI.create("adminservice://localhost:" + port + "/CAS?auth=none&tls-pin=sha256:" + "00".repeat(32) + options),
                Credentials.none()));
    }

    private static long millis(Runnable r, Class<? extends Throwable> expected) {
        long start = System.nanoTime();
        Throwable t = catchThrowable(r::run);
        assertThat(t).isInstanceOf(expected).hasMessageContaining("cannot connect to localhost");
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aGetIsRetriedWithBackoffAndAMethodCallIsNot() throws Exception {
        int port = closedPort();
        try (WmiTransport t = open(port, "&retries=2")) {
            long get = millis(() -> t.get("root\\sms\\site_CAS", SITE, CALL, WmiContext.empty()), ConnectionException.class);
            assertThat(get).as("two retries after 200 and 400 ms").isGreaterThanOrEqualTo(600);
            long post = millis(() -> t.invoke("root\\sms\\site_CAS", ObjectPath.ofClass("SMS_SiteControlFile"),
                    "GetSessionHandle", null, CALL, WmiContext.empty()), ConnectionException.class);
            assertThat(post).as("a POST is not retried").isLessThan(get - 400);
        }
        try (WmiTransport t = open(port, "&retries=0")) {
            long get = millis(() -> t.get("root\\sms\\site_CAS", SITE, CALL, WmiContext.empty()), ConnectionException.class);
            assertThat(get).as("retries=0").isLessThan(500);
        }
    }

    @Test
    void retriesStayWithinTheCallsDeadline() throws Exception {
        int port = closedPort();
        try (WmiTransport t = open(port, "&retries=5")) {
            long start = System.nanoTime();
            Throwable e = catchThrowable(() -> t.get("root\\sms\\site_CAS", SITE, CallOptions.timeout(Duration.ofMillis(700)),
                    WmiContext.empty()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            // refused after the backoffs that fit in 700 ms (200 and 400 when attempts are quick) or, on a loaded machine,
            // the deadline passing during an attempt; never the 6.2 s of five full backoffs
            assertThat(e).isInstanceOfAny(ConnectionException.class, io.github.cm4j.CallTimeoutException.class);
            assertThat(ms).as("at least one backoff, never all five").isBetween(200L, 4000L);
        }
    }
}
