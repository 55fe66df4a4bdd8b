package io.github.cm4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The Java snippets of the documentation that are marked as checked, compiled (and some run) against the class
 * path. The convention, written on the line right above a {@code ```java} fence:
 *
 * <ul>
 *   <li>{@code <!-- snippet -->}: the block is statements (leading {@code import} lines allowed); it is compiled as
 *       the body of a method of a class with the {@link #IMPORTS common imports};</li>
 *   <li>{@code <!-- snippet: ConfigMgr cm, String text -->}: the same with these variables in scope (the
 *       method's parameters), for snippets that continue an earlier one;</li>
 *   <li>{@code <!-- snippet run -->}: compiled and run; a parameter of type {@code ConfigMgr} is given a client of
 *       {@code memory:demo}.</li>
 * </ul>
 */
final class DocSnippets {
    /** What every snippet may use without importing it. */
    static final List<String> IMPORTS = List.of("io.github.cm4j.*", "io.github.cm4j.cim.*", "io.github.cm4j.model.*",
            "io.github.cm4j.schema.Schema", "io.github.cm4j.sitecontrol.*", "io.github.cm4j.sync.*",
            "io.github.cm4j.updates.*", "io.github.cm4j.wql.Wql", "io.github.cm4j.wql.Criteria",
            "io.github.cm4j.simulator.*", "io.github.cm4j.spi.*", "java.time.*", "java.util.*", "java.util.stream.*");

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet(\\s+run)?\\s*(?::\\s*(.*?))?\\s*-->\\s*$");

    private DocSnippets() {
    }

    /**
     * A marked snippet.
     *
     * @param file the Markdown file's name, for messages
     * @param line the line of its first code line in the file (1-based)
     * @param code the code
     * @param parameters the variables in scope, e.g. {@code ConfigMgr cm} (empty string for none)
     * @param run whether to run it
     */
    record Snippet(String file, int line, String code, String parameters, boolean run) {
        String where() {
            return file + ":" + line;
        }
    }

    /**
     * @param file the file's name for messages
     * @param markdown its text
     * @return its marked snippets, in order
     * @throws IllegalArgumentException when a marker is not followed by a {@code ```java} block
     */
    static List<Snippet> extract(String file, String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Snippet> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).trim());
            if (!m.matches()) {
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).trim().equals("```java")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": a snippet marker must be followed by a"
                        + " ```java line");
            }
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).trim().startsWith("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(file + ":" + (i + 2) + ": the ```java block is not closed");
            }
            result.add(new Snippet(file, i + 3, String.join("\n", lines.subList(i + 2, end)),
                    m.group(2) == null ? "" : m.group(2), m.group(1) != null));
            i = end;
        }
        return result;
    }

    /**
     * Compiles the snippets, all in one compiler run.
     *
     * @param snippets the snippets
     * @param classPath the class path to compile against
     * @return the compiled classes by snippet, or the errors as {@code file:line: message} lines
     */
    static Compiled compile(List<Snippet> snippets, String classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler (a JRE, not a JDK)");
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            sources.add(new Source("Snippet" + i, snippets.get(i)));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
        ClassesInMemory classes = new ClassesInMemory(standard);
        boolean ok = compiler.getTask(null, classes, diagnostics, List.of("--release", "17", "-proc:none",
                "-classpath", classPath), null, sources).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Source s = (Source) d.getSource();
                errors.add(s == null ? d.getMessage(Locale.ROOT) : s.snippet.file() + ":" + s.docLine(d.getLineNumber())
                        + ": " + d.getMessage(Locale.ROOT));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("the compiler failed without an error message");
        }
        return new Compiled(sources, classes, errors);
    }

    /** The outcome of {@link #compile}. */
    static final class Compiled {
        private final List<Source> sources;
        private final List<String> errors;

        private final ClassLoader loader;

        private Compiled(List<Source> sources, ClassesInMemory classes, List<String> errors) {
            this.sources = sources;
            this.errors = List.copyOf(errors);
            this.loader = new ClassLoader(DocSnippets.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    byte[] b = classes.bytes.get(name);
                    if (b == null) {
                        throw new ClassNotFoundException(name);
                    }
                    return defineClass(name, b, 0, b.length);
                }
            };
        }

        /** @return the errors, {@code file:line: message} each; empty when everything compiled */
        List<String> errors() {
            return errors;
        }

        /**
         * @param index a snippet's index in the list compiled
         * @return the types of its parameters
         */
        List<Class<?>> parameterTypes(int index) {
            return List.of(method(index).getParameterTypes());
        }

        /**
         * Runs a compiled snippet.
         *
         * @param index its index in the list compiled
         * @param arguments values for its parameters, in order
         * @throws Throwable what the snippet threw
         */
        void run(int index, Object... arguments) throws Throwable {
            Method body = method(index);
            body.setAccessible(true);
            try {
                body.invoke(null, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Method method(int index) {
            try {
                Class<?> type = Class.forName(sources.get(index).className, true, loader);
                return List.of(type.getDeclaredMethods()).stream().filter(m -> m.getName().equals("snippet"))
                        .findFirst().orElseThrow();
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("snippet " + sources.get(index).snippet.where() + " was not compiled", e);
            }
        }
    }

    /** A snippet as a compilation unit: its imports first, then the common ones, then a class with one method. */
    private static final class Source extends SimpleJavaFileObject {
        private final String className;
        private final Snippet snippet;
        private final String text;
        private final int bodyFirstLine;
        private final int leadingImports;

        Source(String className, Snippet snippet) {
            super(URI.create("string:///" + className + ".java"), Kind.SOURCE);
            this.className = className;
            this.snippet = snippet;
            List<String> code = snippet.code().lines().toList();
            int imports = 0;
            while (imports < code.size() && (code.get(imports).startsWith("import ") || code.get(imports).isBlank())) {
                imports++;
            }
            this.leadingImports = imports;
            StringBuilder sb = new StringBuilder();
            // The snippet's own imports keep their line numbers: lines 1..imports.
            code.subList(0, imports).forEach(l -> sb.append(l).append('\n'));
            IMPORTS.forEach(i -> sb.append("import ").append(i).append(";\n"));
            sb.append("final class ").append(className).append(" {\n");
            sb.append("static void snippet(").append(snippet.parameters()).append(") throws Throwable {\n");
            this.bodyFirstLine = imports + IMPORTS.size() + 3;
            code.subList(imports, code.size()).forEach(l -> sb.append(l).append('\n'));
            sb.append("}\n}\n");
            this.text = sb.toString();
        }

        long docLine(long sourceLine) {
            long offset = sourceLine <= leadingImports ? sourceLine - 1 : sourceLine - bodyFirstLine + leadingImports;
            return snippet.line() + Math.max(0, offset);
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps the compiled classes in memory. */
    private static final class ClassesInMemory extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, byte[]> bytes = new HashMap<>();

        ClassesInMemory(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            bytes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
