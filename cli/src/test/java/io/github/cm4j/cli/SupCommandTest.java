package io.github.cm4j.cli;

import static io.github.cm4j.cli.QueryCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.QueryCommandTest.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupCommandTest {

    @Test
    void productsListAgreesWithARawQuery() {
        Result list = run("sup", "products", "list", "--format", "csv");
        assertThat(list.code()).as(list.err()).isZero();
        Result raw = run("query", "--format", "csv",
                "SELECT CategoryInstanceID FROM SMS_UpdateCategoryInstance WHERE CategoryTypeName = 'Product'");
        List<String> ids = raw.out().lines().skip(1).map(l -> l.split(",")[1]).sorted().toList(); // after __CLASS
        assertThat(list.out().lines().skip(1).map(l -> l.split(",")[0]).sorted().toList()).isEqualTo(ids).isNotEmpty();
        assertThat(list.out()).contains("Windows 11").doesNotContain("Security Updates");
        Result json = run("sup", "classifications", "list", "--json");
        assertThat(json.out().lines()).allMatch(l -> l.contains("\"CategoryInstance_UniqueID\":\"UpdateClassification:"));
        Result subscribed = run("sup", "classifications", "list", "--subscribed", "--format", "csv");
        assertThat(subscribed.out()).doesNotContain("Tools").contains("Security Updates");
    }

    @Test
    void addAndRemoveSayWhatChanged() {
        Result add = run("sup", "classifications", "add", "tools", "Security Updates");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("added classification Tools (").contains("1 already synchronized; unchanged")
                .contains("from its next synchronization");
        Result remove = run("sup", "products", "remove", "Windows 7");
        assertThat(remove.code()).as(remove.err()).isZero();
        assertThat(remove.out()).startsWith("removed product Windows 7 (");
    }

    @Test
    void anUnknownNameIsRefusedWithTheClosestNames() {
        Result r = run("sup", "products", "add", "Windows 12");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("cm4j: no product named 'Windows 12' at site CAS; closest: Windows 1");
        assertThat(r.err().lines().count()).isEqualTo(1);
        Result none = run("sup", "products", "add");
        assertThat(none.code()).isEqualTo(2);
    }
}
