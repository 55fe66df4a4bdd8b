package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SiteVersionTest {

    @Test
    void versionsDecideWhichMethodsExist() {
        SiteVersion cm2007 = SiteVersion.parse("4.00.6487.2000");
        assertThat(cm2007.is2007()).isTrue();
        assertThat(cm2007.hasResendToAllSites()).isTrue();
        assertThat(cm2007.hasSyncNow()).isFalse();
        assertThat(cm2007.displayName()).isEqualTo("ConfigMgr 2007 (4.00.6487.2000)");

        SiteVersion rtm2012 = SiteVersion.parse("5.00.7711.0000");
        assertThat(rtm2012.hasSyncNow()).isFalse();
        assertThat(rtm2012.hasResendToAllSites()).isFalse();
        assertThat(rtm2012.displayName()).startsWith("ConfigMgr 2012 (");

        SiteVersion sp1 = SiteVersion.parse("5.00.7804.1000");
        assertThat(sp1.hasSyncNow()).isTrue();
        assertThat(sp1.displayName()).startsWith("ConfigMgr 2012 SP1/R2");

        SiteVersion cb = SiteVersion.parse("5.00.9122.1000");
        assertThat(cb.hasSyncNow()).isTrue();
        assertThat(cb).extracting(SiteVersion::major, SiteVersion::minor, SiteVersion::build, SiteVersion::revision)
                .containsExactly(5, 0, 9122, 1000);
        assertThat(cb.toString()).isEqualTo("ConfigMgr current branch (5.00.9122.1000)");
        assertThat(SiteVersion.parse("5.0.9122").revision()).isZero();
    }

    @Test
    void textThatIsNotAVersionIsRefusedWithTheText() {
        for (String bad : new String[] {"", "5", "5.00", "a.b.c", "5.00.-1.0", "1.2.3.4.5"}) {
            assertThatThrownBy(() -> SiteVersion.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad.trim() + "'");
        }
    }
}
