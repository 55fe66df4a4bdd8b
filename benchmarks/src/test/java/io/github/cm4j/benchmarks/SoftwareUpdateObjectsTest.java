package io.github.cm4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.Models;
import io.github.cm4j.model.SoftwareUpdate;
import org.junit.jupiter.api.Test;

/** The benchmark's input is valid: every object binds, with the values the benchmark means to measure. */
class SoftwareUpdateObjectsTest {

    @Test
    void queryResultsBindWithUniqueKeysAndUnloadedLazyProperties() {
        WmiObject[] objects = SoftwareUpdateObjects.create(1_000, false);
        assertThat(objects).hasSize(1_000);
        assertThat(objects[0].wmiClass()).isSameAs(objects[999].wmiClass());
        SoftwareUpdate last = Models.bind(SoftwareUpdate.class, objects[999]);
        assertThat(last.ciId()).isEqualTo(16_777_216L + 999);
        assertThat(last.articleId()).isEqualTo("5000999");
        assertThat(last.localizedEulas().isLoaded()).isFalse();
        assertThat(last.toWmiObject()).isSameAs(objects[999]);
    }

    @Test
    void getObjectResultsBindWithLoadedLazyProperties() {
        SoftwareUpdate u = Models.bindLoaded(SoftwareUpdate.class, SoftwareUpdateObjects.create(1, true)[0]);
        assertThat(u.localizedEulas().get()).hasSize(1);
        assertThat(u.localizedInformation().get().get(0).localeId()).isEqualTo(1033);
        assertThat(u.sdmPackageXml().get()).startsWith("<DesiredConfigurationDigest");
    }
}
