package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.examples.DocSnippets.Compiled;
import io.github.cm4j.examples.DocSnippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the Java snippets of docs/*.md and README.md marked with {@code <!-- snippet -->} (the convention is
 * described in {@link DocSnippets}): every one compiles against the class path of cm4j, and those marked
 * {@code run} run on the embedded simulator without an exception. A failure names the file and line.
 */
class DocSnippetsTest {
    private static final Path DOCS = Path.of(System.getProperty("cm4j.docs.dir", "../docs")).toAbsolutePath().normalize();

    private static List<Snippet> snippets;
    private static Compiled compiled;

    @BeforeAll
    static void compileEverySnippet() throws IOException {
        assertThat(DOCS).as("the docs directory (system property cm4j.docs.dir)").isDirectory();
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        pages.add(DOCS.resolveSibling("README.md"));
        snippets = new ArrayList<>();
        for (Path page : pages) {
            String name = DOCS.getParent().relativize(page).toString();
            snippets.addAll(DocSnippets.extract(name, Files.readString(page, StandardCharsets.UTF_8)));
        }
        compiled = DocSnippets.compile(snippets, System.getProperty("java.class.path"));
    }

    @Test
    void everyMarkedSnippetCompiles() {
        assertThat(compiled.errors()).as("compile errors in the docs' snippets").isEmpty();
    }

    @Test
    void thePagesANewcomerReadsHaveCheckedSnippets() {
        Map<String, Long> perPage = snippets.stream().collect(Collectors.groupingBy(Snippet::file, Collectors.counting()));
        assertThat(perPage).containsKeys("docs/getting-started.md", "docs/concepts.md", "docs/operations.md",
                "docs/simulator.md", "README.md");
    }

    @Test
    void snippetsMarkedRunRunOnTheSimulator() throws Exception {
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            if (!s.run()) {
                continue;
            }
            List<Class<?>> types = compiled.parameterTypes(i);
            List<ConfigMgr> clients = new ArrayList<>();
            try {
                Object[] arguments = new Object[types.size()];
                for (int p = 0; p < types.size(); p++) {
                    if (types.get(p) != ConfigMgr.class) {
                        fail(s.where() + ": a snippet marked run can take only ConfigMgr parameters, not " + types.get(p));
                    }
                    // speed=600: a synchronization in a snippet ends within the first poll.
                    ConfigMgr cm = ConfigMgr.connect("memory:demo?speed=600");
                    clients.add(cm);
                    arguments[p] = cm;
                }
                compiled.run(i, arguments);
                ran.add(s.where());
            } catch (Throwable t) {
                throw new AssertionError(s.where() + ": the snippet threw " + t, t);
            } finally {
                clients.forEach(ConfigMgr::close);
            }
        }
        assertThat(ran).as("snippets run").isNotEmpty();
    }

    @Test
    void aSnippetThatDoesNotCompileIsReportedWithItsFileAndLine() {
        String page = String.join("\n", "# A page", "", "<!-- snippet: ConfigMgr cm -->", "```java",
                "import java.net.URI;", "", "URI u = URI.create(\"memory:demo\");", "cm.noSuchMethod(u);", "```",
                "", "<!-- snippet -->", "```java", "int x = \"text\";", "```");
        List<Snippet> found = DocSnippets.extract("page.md", page);
        assertThat(found).extracting(Snippet::line).containsExactly(5, 13);
        assertThat(found.get(0).parameters()).isEqualTo("ConfigMgr cm");
        List<String> errors = DocSnippets.compile(found, System.getProperty("java.class.path")).errors();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("page.md:8: ").contains("noSuchMethod");
        assertThat(errors.get(1)).startsWith("page.md:13: ").contains("incompatible types");
    }

    @Test
    void anImportThatDoesNotResolveIsReportedOnItsOwnLine() {
        List<Snippet> found = DocSnippets.extract("page.md", "<!-- snippet -->\n```java\nimport no.such.Type;\n"
                + "System.out.println(1);\n```\n");
        assertThat(DocSnippets.compile(found, System.getProperty("java.class.path")).errors())
                .singleElement().asString().startsWith("page.md:3: ");
    }

    @Test
    void aMarkerMustBeFollowedByAJavaBlock() {
        assertThatThrownBy(() -> DocSnippets.extract("page.md", "text\n<!-- snippet -->\n```xml\n<a/>\n```\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("page.md:2: ");
        assertThatThrownBy(() -> DocSnippets.extract("page.md", "<!-- snippet -->\n```java\nint x = 1;\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not closed");
        // Unmarked blocks are documentation only.
        assertThat(DocSnippets.extract("page.md", "```java\nthis is not Java\n```\n")).isEmpty();
    }
}
