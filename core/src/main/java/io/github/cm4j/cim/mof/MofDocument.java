package io.github.cm4j.cim.mof;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.List;
import java.util.Optional;

/**
 * What a MOF text declares, as {@link MofParser} read it: classes as declared (unresolved: each with its
 * own properties only, whose origin is the class), instances, pragmas and qualifier declarations, each in
 * source order. Immutable and thread-safe.
 *
 * <p>Names are looked up case-insensitively. When a class is declared twice, both declarations are in
 * {@link #classes()} and lookups see the later one (as mofcomp, which replaces the class).
 */
public final class MofDocument {
    private final String sourceName;
    private final List<WmiClass> classes;
    private final List<InstanceDeclaration> instanceDeclarations;
    private final List<WmiObject> instances;
    private final List<Pragma> pragmas;
    private final List<QualifierDeclaration> qualifierDeclarations;
    private final List<Object> declarations;
    private final ClassResolver resolver = new ClassResolver();

    MofDocument(String sourceName, List<WmiClass> classes, List<InstanceDeclaration> instanceDeclarations,
                List<Pragma> pragmas, List<QualifierDeclaration> qualifierDeclarations, List<Object> declarations) {
        this.sourceName = sourceName;
        this.classes = List.copyOf(classes);
        this.instanceDeclarations = List.copyOf(instanceDeclarations);
        this.instances = instanceDeclarations.stream().map(InstanceDeclaration::instance).toList();
        this.pragmas = List.copyOf(pragmas);
        this.qualifierDeclarations = List.copyOf(qualifierDeclarations);
        this.declarations = List.copyOf(declarations);
        this.classes.forEach(resolver::declare);
    }

    /** {@return the name the text was parsed under (a file name), if one was given} */
    public Optional<String> sourceName() {
        return Optional.ofNullable(sourceName);
    }

    /** {@return the classes in declaration order, as declared (not resolved against their superclasses)} */
    public List<WmiClass> classes() {
        return classes;
    }

    /**
     * {@return the instances in declaration order; an instance of a class declared earlier in the document has
     * that class (resolved against the superclasses declared before it) as its shape}
     */
    public List<WmiObject> instances() {
        return instances;
    }

    /** {@return the instance declarations with their aliases and qualifiers, in declaration order} */
    public List<InstanceDeclaration> instanceDeclarations() {
        return instanceDeclarations;
    }

    /** {@return the pragmas in source order} */
    public List<Pragma> pragmas() {
        return pragmas;
    }

    /** {@return the qualifier type declarations ({@code qualifier Name : type ...;}) in source order} */
    public List<QualifierDeclaration> qualifierDeclarations() {
        return qualifierDeclarations;
    }

    /**
     * Every declaration in source order, for readers that care where a pragma stands (which classes a
     * {@code #pragma namespace} applies to): each element is a {@link Pragma}, a {@link WmiClass}, an
     * {@link InstanceDeclaration} or a {@link QualifierDeclaration}.
     *
     * @return the declarations
     */
    public List<Object> declarations() {
        return declarations;
    }

    /**
     * {@return the class as declared (the last declaration of that name)}
     *
     * @param name a class name, any case
     */
    public Optional<WmiClass> classNamed(String name) {
        return resolver.declared(name);
    }

    /**
     * The class resolved against its superclasses, when the whole chain up to a root class is declared in
     * this document (and at most 64 levels deep).
     *
     * @param name a class name, any case
     * @return the resolved class, or empty when the class or one of its ancestors is not declared here
     */
    public Optional<WmiClass> resolvedClass(String name) {
        synchronized (resolver) {
            ClassResolver.View view = resolver.view(name);
            return view != null && view.complete() ? Optional.of(view.resolved()) : Optional.empty();
        }
    }

    /**
     * {@return the instance declared {@code as $alias}}
     *
     * @param alias an alias name, with or without the leading {@code $}, any case
     */
    public Optional<InstanceDeclaration> instanceAliased(String alias) {
        String name = alias.startsWith("$") ? alias.substring(1) : alias;
        return instanceDeclarations.stream()
                .filter(d -> d.alias() != null && d.alias().equalsIgnoreCase(name))
                .findFirst();
    }

    /** {@return a summary: source name and counts} */
    @Override
    public String toString() {
        return "MofDocument[" + (sourceName == null ? "" : sourceName + ": ") + classes.size() + " classes, "
                + instances.size() + " instances, " + pragmas.size() + " pragmas"
                + (qualifierDeclarations.isEmpty() ? "" : ", " + qualifierDeclarations.size() + " qualifier declarations")
                + "]";
    }
}
