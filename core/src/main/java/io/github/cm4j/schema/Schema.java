package io.github.cm4j.schema;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.SiteVersion;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.mof.MofParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A set of resolved WMI class definitions. {@link #builtIn()} is cm4j's one schema source: the ConfigMgr
 * classes declared as MOF resources in this package (written from Microsoft's SDK reference pages; see
 * the README beside them). The simulator builds its classes from it and tests check the typed models
 * against it.
 *
 * <pre>{@code
 * WmiClass su = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
 * su.lazyProperties();   // LocalizedEulas, LocalizedInformation, ...
 * }</pre>
 *
 * Immutable and thread-safe; class names are case-insensitive.
 */
public final class Schema {
    private static final String RESOURCE_DIR = "/io/github/cm4j/schema/";
    private static final String INDEX = "classes.lst";
    private static final String INDEX_2007 = "classes-2007.lst";

    private final Map<String, WmiClass> classes;

    private Schema(Map<String, WmiClass> classes) {
        this.classes = Collections.unmodifiableMap(classes);
    }

    /** {@return the ConfigMgr schema shipped with cm4j (loaded once)} */
    public static Schema builtIn() {
        return BuiltIn.INSTANCE;
    }

    /**
     * The built-in schema of a provider version: ConfigMgr 2007 (site major version 4 and below) has its own
     * class set ({@code classes-2007.lst}: the 59 properties and four methods of the 2007
     * {@code SMS_SoftwareUpdate} page, no {@code SMS_UpdateGroupAssignment}, {@code SMS_Template}); every
     * later version gets {@link #builtIn()}, the current-branch schema. Each is loaded once, on first use.
     *
     * @param version the site version, e.g. {@code ConfigMgr.site().version()} or {@link SiteVersion#CM2007_SP2}
     * @return the schema of that version
     * @throws NullPointerException if {@code version} is null
     */
    public static Schema forVersion(SiteVersion version) {
        java.util.Objects.requireNonNull(version, "version");
        return version.is2007() || version.major() < 4 ? BuiltIn2007.INSTANCE : builtIn();
    }

    /**
     * Resolves classes as declared (e.g. parsed from MOF): each class gets its superclass's properties,
     * methods and propagating qualifiers. A superclass must be among the given classes.
     *
     * @param declared the classes, in any order
     * @return the schema
     * @throws ConfigMgrException when a superclass is missing, a class is declared twice, or the
     *                            inheritance has a cycle
     */
    public static Schema of(Collection<WmiClass> declared) {
        Map<String, WmiClass> byName = new LinkedHashMap<>();
        for (WmiClass c : declared) {
            if (byName.put(key(c.name()), c) != null) {
                throw new ConfigMgrException("schema declares class " + c.name() + " twice");
            }
        }
        Map<String, WmiClass> resolved = new LinkedHashMap<>();
        for (WmiClass c : declared) {
            resolve(c, byName, resolved, new ArrayList<>());
        }
        return new Schema(resolved);
    }

    /**
     * Parses MOF texts and resolves their classes.
     *
     * @param mofTexts the MOF sources, named for error messages
     * @return the schema
     */
    public static Schema fromMof(Map<String, String> mofTexts) {
        List<WmiClass> declared = new ArrayList<>();
        mofTexts.forEach((name, text) -> declared.addAll(MofParser.parse(name, text).classes()));
        return of(declared);
    }

    private static WmiClass resolve(WmiClass c, Map<String, WmiClass> byName, Map<String, WmiClass> resolved,
                                    List<String> path) {
        WmiClass done = resolved.get(key(c.name()));
        if (done != null) {
            return done;
        }
        if (path.contains(key(c.name()))) {
            throw new ConfigMgrException("schema inheritance has a cycle: " + String.join(" -> ", path) + " -> " + c.name());
        }
        WmiClass result = c;
        if (c.superclassName().isPresent()) {
            String superName = c.superclassName().get();
            WmiClass superDeclared = byName.get(key(superName));
            if (superDeclared == null) {
                throw new ConfigMgrException("class " + c.name() + " derives from " + superName + ", which the schema does not declare");
            }
            path.add(key(c.name()));
            WmiClass superResolved = resolve(superDeclared, byName, resolved, path);
            path.remove(path.size() - 1);
            result = c.resolve(superResolved);
        }
        resolved.put(key(c.name()), result);
        return result;
    }

    /**
     * Looks a class up by name, resolved (inherited properties included).
     *
     * @param name a class name, any case
     * @return the class
     * @throws IllegalArgumentException when the schema has no such class (the message lists similar names)
     */
    public WmiClass classNamed(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("the schema has no class " + name
                + suggestions(name)));
    }

    /**
     * Looks a class up by name, resolved (inherited properties included).
     *
     * @param name a class name, any case
     * @return the class, if present
     */
    public Optional<WmiClass> find(String name) {
        return Optional.ofNullable(classes.get(key(name)));
    }

    /** {@return every class, in declaration order} */
    public Collection<WmiClass> classes() {
        return classes.values();
    }

    /** {@return the class names, in declaration order} */
    public List<String> classNames() {
        return classes.values().stream().map(WmiClass::name).toList();
    }

    /**
     * {@return the classes that are or derive from it (WQL {@code ISA} semantics)}
     *
     * @param name a class name
     */
    public List<WmiClass> subclassesOf(String name) {
        return classes.values().stream().filter(c -> c.isA(name)).toList();
    }

    @Override
    public String toString() {
        return "Schema(" + classes.size() + " classes)";
    }

    private String suggestions(String name) {
        String needle = key(name).replace("sms_", "");
        List<String> near = classes.values().stream().map(WmiClass::name)
                .filter(n -> key(n).contains(needle) || needle.contains(key(n).replace("sms_", "")))
                .limit(5).collect(Collectors.toList());
        return near.isEmpty() ? "; `cm4j schema list` shows the classes it has" : "; did you mean " + String.join(", ", near) + "?";
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Lazy holder: the ConfigMgr 2007 schema is parsed on first use only. */
    private static final class BuiltIn2007 {
        static final Schema INSTANCE = BuiltIn.load(INDEX_2007);
    }

    /** Lazy holder: the built-in schema is parsed on first use only. */
    private static final class BuiltIn {
        static final Schema INSTANCE = load(INDEX);

        static Schema load(String index) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (String line : read(index).split("\\R")) {
                String file = line.trim();
                if (!file.isEmpty() && !file.startsWith("#")) {
                    texts.put(file, read(file));
                }
            }
            return fromMof(texts);
        }

        private static String read(String file) {
            try (InputStream in = Schema.class.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new ConfigMgrException("the built-in schema resource " + RESOURCE_DIR + file + " is missing from the cm4j-core jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigMgrException("cannot read the built-in schema resource " + file, e);
            }
        }
    }
}
