package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WmiContextTest {

    @Test
    void valuesKeepOrderAndReplaceCaseInsensitively() {
        WmiContext ctx = WmiContext.empty().with("SessionHandle", "{abc}").with("LocaleID", CimValue.sint32(1033))
                .with("sessionhandle", "{def}");
        assertThat(ctx.entries()).extracting(WmiContext.Entry::name).containsExactly("sessionhandle", "LocaleID");
        assertThat(ctx.sessionHandle()).contains("{def}");
        assertThat(ctx.without("SESSIONHANDLE").sessionHandle()).isEmpty();
        assertThat(WmiContext.empty().isEmpty()).isTrue();
        assertThat(ctx.toString()).isEqualTo("WmiContext{sessionhandle=\"{def}\", LocaleID=1033}");
    }

    @Test
    void objectValuesAreNotContextValues() {
        WmiObject o = WmiObject.builder("X").set("a", CimValue.sint32(1)).build();
        assertThatThrownBy(() -> WmiContext.empty().with("x", CimValue.object(o))).isInstanceOf(IllegalArgumentException.class);
    }
}
