package io.github.cm4j.cim.mof;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.QualifierFlavor;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiNames;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.cim.mof.MofLexer.Kind;
import io.github.cm4j.cim.mof.MofLexer.Token;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads MOF text (DSP0221, in the dialect of WMI's {@code mofcomp}) into classes, instances, pragmas and
 * qualifier declarations: the schema source of the project and the reader of MOF found in the field.
 * Hand-written, single pass, with one token of lookahead (two where {@code ref} may be a name).
 *
 * <h2>What it reads</h2>
 * <ul>
 *   <li>comments {@code //} and <code>/* *&#47;</code>; {@code #pragma name(arguments)} and
 *       {@code #pragma name}, kept as {@link Pragma} data and never acted on;</li>
 *   <li>qualifier lists {@code [key, read : ToSubclass DisableOverride, MaxLen(256), ValueMap{"0", "1"},
 *       Description("x" "y")]} (adjacent string literals join; flavors per {@link QualifierFlavor});</li>
 *   <li>{@code class Name : Super { ... };}, and the derivation-list form
 *       {@code class Win32_Process : CIM_Process CIM_LogicalElement CIM_ManagedSystemElement {} } that
 *       go-msrpc renders (several names after {@code ':'}: the first is the superclass, all of them the
 *       {@link WmiClass#derivation()});</li>
 *   <li>properties of every CIM type, arrays ({@code string Names[];}, fixed size {@code uint8 Data[16];}
 *       keeps the size as a {@code MAX} qualifier, as WMI stores it), defaults ({@code = 5}, {@code = "x"},
 *       <code>= {1, 2}</code>, {@code = TRUE}, {@code = NULL}, {@code = instance of X {...}}), references
 *       ({@code ClassName ref Prop;}, {@code object ref Prop;}), embedded objects typed by class name
 *       ({@code SMS_EmbeddedProperty Props[];}: {@code object[]} with the class name) or untyped
 *       ({@code object Prop;}); an {@code object}/{@code ref} declared without a class takes it from a
 *       {@code CIMTYPE("object:X")} / {@code CIMTYPE("ref:X")} qualifier;</li>
 *   <li>methods {@code [static] uint32 SyncNow([in] boolean fullSync, [out] string Handle[]);}, {@code void}
 *       returns, array, reference and embedded-object parameters (a return type written as a class name
 *       becomes {@code object}: {@link MethodDefinition} keeps no class for the return value);</li>
 *   <li>{@code instance of ClassName [as $Alias] { Prop = value; ... };} with qualifiers on the instance and
 *       on its properties (the mofcomp {@code [PropertyContext(...)] Prop;} form), nested {@code instance of}
 *       values for embedded objects and arrays of them, and {@code $Alias} values;</li>
 *   <li>{@code qualifier Name : type [= value] [, scope(...)] [, flavor(...)];} declarations;</li>
 *   <li>literals: integers in decimal, hex {@code 0x1F}, octal {@code 017} (a leading 0, as in C and
 *       mofcomp), binary {@code 101b}, with a sign; reals {@code 1.5}, {@code -.5}, {@code 1.2E+02}; strings
 *       with the escapes {@code \b \t \n \f \r \" \' \\ \xH..HHHH}; chars {@code 'c'}; {@code TRUE},
 *       {@code FALSE}, {@code NULL}. Keywords are case-insensitive.</li>
 * </ul>
 *
 * <h2>Typing values</h2>
 * A value for a property of a class declared earlier in the same document takes the property's type
 * (resolved against the superclasses declared in the document; an integer literal for a {@code uint32}
 * property is a {@code uint32}, range-checked). Values without a declared type take natural types:
 * integer → {@code sint64} ({@code uint64} above {@link Long#MAX_VALUE}), real → {@code real64}, string →
 * {@code string}, char → {@code char16}, TRUE/FALSE → {@code boolean}, {@code $Alias} → {@code ref},
 * {@code instance of} → {@code object}, NULL → a NULL {@code string}; arrays take the common element type
 * (integers and reals mix to {@code real64}; an empty array is {@code string[]}). Qualifier values follow
 * WMI, whose qualifiers hold {@code sint32}, {@code real64}, {@code boolean} and {@code string} (and arrays
 * of them): an integer is a {@code sint32} when it fits, else {@code sint64}. Two leniencies accept MOF that
 * mofcomp accepts or that renderers produce: an integer literal for a {@code string} property becomes its
 * decimal text ({@code s = 23;}, as in Microsoft's MOF documentation), and an array value for a property
 * declared scalar makes that instance's class declare the property as an array (go-msrpc renders array
 * properties without {@code []}). An {@code $Alias} value is kept as the reference text {@code "$Alias"};
 * {@link MofDocument#instanceAliased(String)} finds the instance.
 *
 * <h2>Limits</h2>
 * Values nest at most {@link #MAX_DEPTH} levels (arrays and {@code instance of} values); an array holds at
 * most {@link #MAX_ARRAY_ELEMENTS} elements; a numeric literal is at most 100 characters; a file is at most
 * {@link #MAX_FILE_BYTES} bytes. Every syntax or value error, and every limit, is a {@link ParseException}
 * naming the offending token and what was expected, at its line and column; the parser never recurses
 * deeper than the nesting limit, so hostile input fails fast without a {@code StackOverflowError}.
 *
 * <p>Thread-safe: every call parses with its own state.
 */
public final class MofParser {
    /** The deepest nesting of values (arrays and embedded {@code instance of} values) accepted. */
    public static final int MAX_DEPTH = 64;
    /** The most elements an array value may hold. */
    public static final int MAX_ARRAY_ELEMENTS = 1_000_000;
    /** The largest file {@link #parse(Path)} reads, in bytes (64 MiB). */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final String what;
    private final MofLexer lexer;
    private Token ahead0;
    private Token ahead1;
    private int lastOffset;

    private final ClassResolver resolver = new ClassResolver();
    private final List<WmiClass> classes = new ArrayList<>();
    private final List<InstanceDeclaration> instances = new ArrayList<>();
    private final List<Pragma> pragmas = new ArrayList<>();
    private final List<QualifierDeclaration> qualifierDeclarations = new ArrayList<>();
    private final List<Object> declarations = new ArrayList<>();
    private final Set<String> aliasNames = new HashSet<>();

    private MofParser(String what, String text) {
        this.what = what;
        this.lexer = new MofLexer(what, text);
    }

    /**
     * Parses MOF text.
     *
     * @param sourceName the file or resource name shown in error messages ({@code "MOF <sourceName>"}), or
     *                   {@code null}
     * @param text the MOF text
     * @return the classes (as declared), instances, pragmas and qualifier declarations, in source order
     * @throws ParseException at the line and column of the first syntax or value error
     */
    public static MofDocument parse(String sourceName, String text) {
        Objects.requireNonNull(text, "text");
        String what = what(sourceName);
        MofParser parser = new MofParser(what, text);
        try {
            parser.document();
        } catch (ParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // A definition the CIM layer refuses (it validates more than the grammar does).
            throw new ParseException(what, String.valueOf(e.getMessage()), text, parser.lastOffset, e);
        }
        return new MofDocument(sourceName, parser.classes, parser.instances, parser.pragmas,
                parser.qualifierDeclarations, parser.declarations);
    }

    /**
     * Reads and parses a MOF file. The encoding is taken from a byte order mark (UTF-8, UTF-16LE,
     * UTF-16BE; MOF files written by Windows tools are often UTF-16LE with a BOM); without one, a zero
     * second (first) byte means UTF-16LE (UTF-16BE), anything else UTF-8. Malformed bytes are a
     * {@link ParseException} at the first character they would have produced.
     *
     * @param file the file
     * @return the parsed document, named by the file name
     * @throws IOException when the file cannot be read
     * @throws ParseException when the text is not valid MOF, not valid text in its encoding, or larger than
     *                        {@link #MAX_FILE_BYTES}
     */
    public static MofDocument parse(Path file) throws IOException {
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ParseException(what(name), "the file is larger than " + MAX_FILE_BYTES + " bytes", "", 0);
        }
        return parse(name, decode(bytes, what(name)));
    }

    /**
     * Parses one MOF value of a CIM type, as written after {@code =} in a property assignment: a literal,
     * <code>{...}</code> for arrays, {@code instance of X {...}} for {@code object}, {@code NULL}. For
     * command lines and tests.
     *
     * @param type the type the value must have
     * @param text the MOF value text, e.g. {@code 42}, {@code "text"}, <code>{1, 2}</code>
     * @return the value, or empty for {@code NULL}
     * @throws ParseException when the text is not one MOF value of that type
     */
    public static Optional<CimValue> parseValue(CimType type, String text) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        MofParser parser = new MofParser("MOF value", text);
        try {
            Literal literal = parser.initializer(0);
            Token end = parser.take();
            if (end.kind != Kind.EOF) {
                throw parser.error("expected the end of the value but found " + end.describe(), end);
            }
            return Optional.ofNullable(parser.convert(literal, type, "the value"));
        } catch (ParseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParseException("MOF value", String.valueOf(e.getMessage()), text, parser.lastOffset, e);
        }
    }

    private static String what(String sourceName) {
        return sourceName == null || sourceName.isBlank() ? "MOF" : "MOF " + sourceName;
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        if (ahead0 == null) {
            ahead0 = lexer.next();
        }
        return ahead0;
    }

    private Token peek2() {
        peek();
        if (ahead1 == null) {
            ahead1 = lexer.next();
        }
        return ahead1;
    }

    private Token take() {
        Token t = peek();
        ahead0 = ahead1;
        ahead1 = null;
        lastOffset = t.offset;
        return t;
    }

    private Token expect(char punct, String context) {
        Token t = take();
        if (!t.is(punct)) {
            throw error("expected '" + punct + "' " + context + " but found " + t.describe(), t);
        }
        return t;
    }

    private ParseException error(String problem, Token at) {
        return lexer.error(problem, at.offset);
    }

    private ParseException error(String problem, int offset) {
        return lexer.error(problem, offset);
    }

    private String name(Token t, String kind, String context) {
        if (t.kind != Kind.IDENT) {
            throw error("expected a " + kind + " name " + context + " but found " + t.describe(), t);
        }
        if (!WmiNames.isValid(t.text)) {
            throw error("invalid " + kind + " name " + t.describe() + ": a WMI name is at most 1024 letters, digits"
                    + " and '_'", t);
        }
        return t.text;
    }

    // ---------------------------------------------------------------- declarations

    private void document() {
        while (true) {
            Token t = peek();
            if (t.kind == Kind.EOF) {
                return;
            }
            if (t.kind == Kind.PRAGMA) {
                pragma();
                continue;
            }
            List<Qualifier> qualifiers = t.is('[') ? qualifierList() : List.of();
            Token keyword = take();
            if (keyword.isWord("class")) {
                classDeclaration(qualifiers);
            } else if (keyword.isWord("instance")) {
                instanceDeclaration(qualifiers);
            } else if (keyword.isWord("qualifier") && qualifiers.isEmpty()) {
                qualifierDeclaration();
            } else if (qualifiers.isEmpty()) {
                throw error("expected 'class', 'instance', 'qualifier' or '#pragma' but found " + keyword.describe(),
                        keyword);
            } else {
                throw error("expected 'class' or 'instance' after a qualifier list but found " + keyword.describe(),
                        keyword);
            }
        }
    }

    private void pragma() {
        take();
        Token nameToken = take();
        if (nameToken.kind != Kind.IDENT) {
            throw error("expected a pragma name after '#pragma' but found " + nameToken.describe(), nameToken);
        }
        List<String> arguments = new ArrayList<>();
        if (peek().is('(')) {
            take();
            if (peek().is(')')) {
                take();
            } else {
                while (true) {
                    Token a = take();
                    switch (a.kind) {
                        case STRING:
                            arguments.add(joinStrings(a));
                            break;
                        case IDENT:
                        case INTEGER:
                        case REAL:
                        case CHAR:
                            arguments.add(a.text);
                            break;
                        default:
                            throw error("expected a pragma argument but found " + a.describe(), a);
                    }
                    Token separator = take();
                    if (separator.is(')')) {
                        break;
                    }
                    if (!separator.is(',')) {
                        throw error("expected ',' or ')' after a pragma argument but found " + separator.describe(),
                                separator);
                    }
                }
            }
        }
        Pragma pragma = new Pragma(nameToken.text, arguments);
        pragmas.add(pragma);
        declarations.add(pragma);
    }

    private String joinStrings(Token first) {
        if (peek().kind != Kind.STRING) {
            return first.text;
        }
        StringBuilder sb = new StringBuilder(first.text);
        while (peek().kind == Kind.STRING) {
            sb.append(take().text);
        }
        return sb.toString();
    }

    private void classDeclaration(List<Qualifier> qualifiers) {
        String className = name(take(), "class", "after 'class'");
        List<String> superclasses = new ArrayList<>();
        if (peek().is(':')) {
            take();
            superclasses.add(name(take(), "superclass", "after ':'"));
            while (peek().kind == Kind.IDENT) {
                superclasses.add(name(take(), "superclass", "in the derivation list"));
            }
        }
        expect('{', "to start the body of class " + className);
        WmiClass.Builder builder = WmiClass.builder(className);
        if (superclasses.size() == 1) {
            builder.superclass(superclasses.get(0));
        } else if (superclasses.size() > 1) {
            builder.derivation(superclasses);
        }
        qualifiers.forEach(builder::qualifier);
        Set<String> members = new HashSet<>();
        while (!peek().is('}')) {
            member(builder, className, members);
        }
        take();
        expect(';', "after class declaration");
        WmiClass wmiClass = builder.build();
        classes.add(wmiClass);
        declarations.add(wmiClass);
        resolver.declare(wmiClass);
    }

    /** A parsed data type: a CIM type (the element type), the class of a ref/object, or void. */
    private record TypeRef(CimType type, String refClass, boolean isVoid, Token token) {
    }

    private TypeRef type(String context) {
        Token t = take();
        if (t.kind != Kind.IDENT) {
            throw error("expected a data type or class name " + context + " but found " + t.describe(), t);
        }
        if (t.isWord("void")) {
            return new TypeRef(null, null, true, t);
        }
        if (t.isWord("ref")) {
            throw error("expected a data type or class name " + context + " but found 'ref' (a reference is"
                    + " written 'ClassName ref Name' or 'object ref Name')", t);
        }
        Optional<CimType> scalar = CimType.fromMofName(t.text);
        if (scalar.isPresent() && scalar.get() != CimType.OBJECT) {
            return new TypeRef(scalar.get(), null, false, t);
        }
        String refClass = scalar.isPresent() ? null : name(t, "class", context);
        if (peek().isWord("ref") && peek2().kind == Kind.IDENT) {
            take();
            return new TypeRef(CimType.REFERENCE, refClass, false, t);
        }
        return new TypeRef(CimType.OBJECT, refClass, false, t);
    }

    private void member(WmiClass.Builder builder, String className, Set<String> members) {
        List<Qualifier> qualifiers = peek().is('[') ? qualifierList() : List.of();
        Token typeStart = peek();
        if (typeStart.kind != Kind.IDENT) {
            throw error("expected a property or method declaration or '}' in class " + className + " but found "
                    + typeStart.describe(), typeStart);
        }
        TypeRef type = type("in class " + className);
        Token nameToken = take();
        boolean method = peek().is('(');
        String memberName = name(nameToken, method ? "method" : "property",
                "after type " + type.token().describe());
        if (!members.add(lower(memberName))) {
            throw error("class " + className + " declares '" + memberName + "' twice", nameToken);
        }
        if (method) {
            builder.method(method(qualifiers, type, memberName));
            return;
        }
        if (type.isVoid()) {
            throw error("property " + memberName + " cannot be void", type.token());
        }
        int size = arraySuffix(memberName);
        CimType propertyType = size >= 0 ? type.type().arrayType() : type.type();
        List<Qualifier> all = withArraySize(qualifiers, size);
        String refClass = refClassOf(type, all);
        CimValue defaultValue = null;
        if (peek().is('=')) {
            take();
            Literal literal = initializer(0);
            defaultValue = convert(literal, propertyType, "the default of property " + memberName);
        }
        expect(';', "after property declaration");
        builder.property(new PropertyDefinition(memberName, propertyType, refClass, all, defaultValue, className));
    }

    /** {@return -1 when no {@code []} follows, 0 for {@code []}, N for {@code [N]}} */
    private int arraySuffix(String owner) {
        if (!peek().is('[')) {
            return -1;
        }
        take();
        int size = 0;
        Token t = peek();
        if (t.kind == Kind.INTEGER) {
            take();
            if (t.integer.signum() <= 0 || t.integer.compareTo(INT_MAX) > 0) {
                throw error("array size " + t.describe() + " of " + owner + " must be 1.." + Integer.MAX_VALUE, t);
            }
            size = t.integer.intValue();
        }
        expect(']', "to close the array brackets of " + owner);
        return size;
    }

    /** WMI keeps the explicit size of a fixed-size array ({@code uint8 Data[16]}) as the MAX qualifier. */
    private static List<Qualifier> withArraySize(List<Qualifier> qualifiers, int size) {
        if (size <= 0 || qualifiers.stream().anyMatch(q -> q.is("MAX"))) {
            return qualifiers;
        }
        List<Qualifier> all = new ArrayList<>(qualifiers);
        all.add(Qualifier.of("MAX", CimValue.sint32(size)));
        return all;
    }

    /** The class of a ref/object: as written, else from a matching {@code CIMTYPE} qualifier. */
    private static String refClassOf(TypeRef type, List<Qualifier> qualifiers) {
        if (type.refClass() != null || type.isVoid()) {
            return type.refClass();
        }
        String prefix = type.type() == CimType.OBJECT ? "object:" : type.type() == CimType.REFERENCE ? "ref:" : null;
        if (prefix == null) {
            return null;
        }
        for (Qualifier q : qualifiers) {
            if (q.is("CIMTYPE") && q.value().type() == CimType.STRING) {
                String text = q.value().asString();
                if (text.regionMatches(true, 0, prefix, 0, prefix.length())
                        && WmiNames.isValid(text.substring(prefix.length()))) {
                    return text.substring(prefix.length());
                }
            }
        }
        return null;
    }

    private MethodDefinition method(List<Qualifier> qualifiers, TypeRef returnType, String methodName) {
        take();
        List<ParameterDefinition> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (peek().is(')')) {
            take();
        } else {
            while (true) {
                List<Qualifier> parameterQualifiers = peek().is('[') ? qualifierList() : List.of();
                TypeRef type = type("for a parameter of method " + methodName);
                if (type.isVoid()) {
                    throw error("a parameter of method " + methodName + " cannot be void", type.token());
                }
                Token nameToken = take();
                String parameterName = name(nameToken, "parameter", "after type " + type.token().describe());
                if (!names.add(lower(parameterName))) {
                    throw error("method " + methodName + " declares parameter '" + parameterName + "' twice",
                            nameToken);
                }
                int size = arraySuffix("parameter " + parameterName);
                List<Qualifier> all = withArraySize(parameterQualifiers, size);
                parameters.add(new ParameterDefinition(parameterName,
                        size >= 0 ? type.type().arrayType() : type.type(), refClassOf(type, all), all));
                Token separator = take();
                if (separator.is(')')) {
                    break;
                }
                if (!separator.is(',')) {
                    throw error("expected ',' or ')' after parameter " + parameterName + " but found "
                            + separator.describe(), separator);
                }
            }
        }
        expect(';', "after method declaration");
        return new MethodDefinition(methodName, returnType.isVoid() ? null : returnType.type(), qualifiers, parameters);
    }

    private void instanceDeclaration(List<Qualifier> qualifiers) {
        InstanceLiteral literal = instanceBody(1);
        expect(';', "after instance declaration");
        WmiObject instance = buildInstance(literal);
        Map<String, List<Qualifier>> propertyQualifiers = new LinkedHashMap<>();
        for (Assignment a : literal.assignments()) {
            if (!a.qualifiers().isEmpty()) {
                propertyQualifiers.put(a.name(), a.qualifiers());
            }
        }
        InstanceDeclaration declaration = new InstanceDeclaration(instance, literal.alias(), qualifiers,
                propertyQualifiers);
        instances.add(declaration);
        declarations.add(declaration);
    }

    private void qualifierDeclaration() {
        String qualifierName = name(take(), "qualifier", "after 'qualifier'");
        expect(':', "after qualifier name " + qualifierName);
        Token typeToken = take();
        Optional<CimType> scalar = typeToken.kind == Kind.IDENT && !typeToken.isWord("ref") && !typeToken.isWord("object")
                ? CimType.fromMofName(typeToken.text) : Optional.empty();
        if (scalar.isEmpty()) {
            throw error("expected a qualifier type (sint32, string, boolean, ...) but found " + typeToken.describe(),
                    typeToken);
        }
        int size = arraySuffix("qualifier " + qualifierName);
        CimType type = size >= 0 ? scalar.get().arrayType() : scalar.get();
        CimValue defaultValue = null;
        if (peek().is('=')) {
            take();
            defaultValue = convert(initializer(0), type, "the default of qualifier " + qualifierName);
        }
        List<String> scopes = new ArrayList<>();
        Set<QualifierFlavor> flavors = EnumSet.noneOf(QualifierFlavor.class);
        while (peek().is(',')) {
            take();
            Token keyword = take();
            boolean scope = keyword.isWord("scope");
            if (!scope && !keyword.isWord("flavor")) {
                throw error("expected 'scope' or 'flavor' in the declaration of qualifier " + qualifierName
                        + " but found " + keyword.describe(), keyword);
            }
            expect('(', "after '" + keyword.text + "'");
            while (true) {
                Token item = take();
                if (item.kind != Kind.IDENT) {
                    throw error("expected a " + (scope ? "scope" : "flavor") + " name but found " + item.describe(), item);
                }
                if (scope) {
                    scopes.add(item.text);
                } else {
                    flavors.add(flavor(item));
                }
                Token separator = take();
                if (separator.is(')')) {
                    break;
                }
                if (!separator.is(',')) {
                    throw error("expected ',' or ')' in '" + keyword.text + "(...)' but found " + separator.describe(),
                            separator);
                }
            }
        }
        expect(';', "after qualifier declaration");
        QualifierDeclaration declaration = new QualifierDeclaration(qualifierName, type, defaultValue, scopes, flavors);
        qualifierDeclarations.add(declaration);
        declarations.add(declaration);
    }

    private QualifierFlavor flavor(Token t) {
        return QualifierFlavor.fromMofName(t.text).orElseThrow(() -> error("unknown qualifier flavor " + t.describe()
                + "; expected one of " + Arrays.stream(QualifierFlavor.values()).map(QualifierFlavor::mofName)
                .collect(Collectors.joining(", ")), t));
    }

    // ---------------------------------------------------------------- qualifiers

    private List<Qualifier> qualifierList() {
        take();
        List<Qualifier> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            Token nameToken = take();
            String qualifierName = name(nameToken, "qualifier", "in qualifier list");
            if (!seen.add(lower(qualifierName))) {
                throw error("qualifier '" + qualifierName + "' appears twice in one list", nameToken);
            }
            CimValue value;
            Token t = peek();
            if (t.is('(')) {
                take();
                Literal literal = initializer(0);
                expect(')', "after the value of qualifier " + qualifierName);
                value = qualifierValue(literal, qualifierName);
            } else if (t.is('{')) {
                value = qualifierValue(initializer(0), qualifierName);
            } else {
                value = CimValue.bool(true);
            }
            Set<QualifierFlavor> flavors = EnumSet.noneOf(QualifierFlavor.class);
            if (peek().is(':')) {
                take();
                Token f = take();
                if (f.kind != Kind.IDENT) {
                    throw error("expected a qualifier flavor after ':' but found " + f.describe(), f);
                }
                flavors.add(flavor(f));
                while (peek().kind == Kind.IDENT) {
                    flavors.add(flavor(take()));
                }
            }
            list.add(new Qualifier(qualifierName, value, flavors));
            Token separator = take();
            if (separator.is(']')) {
                return list;
            }
            if (!separator.is(',')) {
                throw error("expected ',' or ']' in qualifier list but found " + separator.describe(), separator);
            }
        }
    }

    private CimValue qualifierValue(Literal literal, String qualifierName) {
        if (literal instanceof NullLiteral) {
            throw error("qualifier " + qualifierName + " cannot be NULL (leave the qualifier out instead)",
                    literal.offset());
        }
        CimType type = naturalType(literal, true, "qualifier " + qualifierName);
        return convert(literal, type, "qualifier " + qualifierName);
    }

    // ---------------------------------------------------------------- values

    /** An unconverted value, typed once its target type is known. */
    private sealed interface Literal permits IntLiteral, RealLiteral, StringLiteral, CharLiteral, BoolLiteral,
            NullLiteral, AliasLiteral, ArrayLiteral, InstanceLiteral {
        int offset();
    }

    private record IntLiteral(BigInteger value, String text, int offset) implements Literal {
    }

    private record RealLiteral(String text, int offset) implements Literal {
    }

    private record StringLiteral(String value, int offset) implements Literal {
    }

    private record CharLiteral(char value, int offset) implements Literal {
    }

    private record BoolLiteral(boolean value, int offset) implements Literal {
    }

    private record NullLiteral(int offset) implements Literal {
    }

    private record AliasLiteral(String name, int offset) implements Literal {
    }

    private record ArrayLiteral(List<Literal> elements, int offset) implements Literal {
    }

    private record InstanceLiteral(String className, String alias, List<Assignment> assignments, int offset)
            implements Literal {
    }

    /** One {@code [qualifiers] Prop = value;} of an instance body; value is null for {@code [q] Prop;}. */
    private record Assignment(String name, int offset, List<Qualifier> qualifiers, Literal value) {
    }

    private Literal initializer(int depth) {
        Token t = peek();
        if (t.is('{')) {
            return arrayLiteral(depth);
        }
        return scalarLiteral(depth);
    }

    private Literal arrayLiteral(int depth) {
        Token open = take();
        if (depth + 1 > MAX_DEPTH) {
            throw error("values nested deeper than " + MAX_DEPTH + " levels", open);
        }
        List<Literal> elements = new ArrayList<>();
        if (peek().is('}')) {
            take();
            return new ArrayLiteral(elements, open.offset);
        }
        while (true) {
            Token t = peek();
            if (t.is('{')) {
                throw error("expected an array element but found '{' (MOF arrays cannot be nested)", t);
            }
            if (elements.size() >= MAX_ARRAY_ELEMENTS) {
                throw error("array value with more than " + MAX_ARRAY_ELEMENTS + " elements", t);
            }
            elements.add(scalarLiteral(depth + 1));
            Token separator = take();
            if (separator.is('}')) {
                return new ArrayLiteral(elements, open.offset);
            }
            if (!separator.is(',')) {
                throw error("expected ',' or '}' in array value but found " + separator.describe(), separator);
            }
        }
    }

    private Literal scalarLiteral(int depth) {
        Token t = take();
        switch (t.kind) {
            case INTEGER:
                return new IntLiteral(t.integer, t.text, t.offset);
            case REAL:
                return new RealLiteral(t.text, t.offset);
            case STRING:
                return new StringLiteral(joinStrings(t), t.offset);
            case CHAR:
                return new CharLiteral(t.text.charAt(0), t.offset);
            case ALIAS:
                return new AliasLiteral(t.text, t.offset);
            case IDENT:
                if (t.isWord("TRUE") || t.isWord("FALSE")) {
                    return new BoolLiteral(t.isWord("TRUE"), t.offset);
                }
                if (t.isWord("NULL")) {
                    return new NullLiteral(t.offset);
                }
                if (t.isWord("instance")) {
                    if (depth + 1 > MAX_DEPTH) {
                        throw error("values nested deeper than " + MAX_DEPTH + " levels", t);
                    }
                    return instanceBody(depth + 1);
                }
                break;
            default:
                break;
        }
        throw error("expected a value (number, string, char, TRUE, FALSE, NULL, $alias or 'instance of') but found "
                + t.describe(), t);
    }

    /** Reads {@code of ClassName [as $Alias] { ... }} after the keyword {@code instance}. */
    private InstanceLiteral instanceBody(int depth) {
        int start = lastOffset;
        Token of = take();
        if (!of.isWord("of")) {
            throw error("expected 'of' after 'instance' but found " + of.describe(), of);
        }
        String className = name(take(), "class", "after 'instance of'");
        String alias = null;
        if (peek().isWord("as")) {
            take();
            Token a = take();
            if (a.kind != Kind.ALIAS) {
                throw error("expected an alias ($Name) after 'as' but found " + a.describe(), a);
            }
            alias = a.text;
            if (!WmiNames.isValid(alias)) {
                throw error("invalid alias name " + a.describe(), a);
            }
            if (depth > 1) {
                throw error("an embedded instance cannot have an alias", a);
            }
            if (!aliasNames.add(lower(alias))) {
                throw error("alias " + a.describe() + " is declared twice", a);
            }
        }
        expect('{', "after 'instance of " + className + "'");
        List<Assignment> assignments = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (!peek().is('}')) {
            List<Qualifier> qualifiers = peek().is('[') ? qualifierList() : List.of();
            Token nameToken = take();
            if (nameToken.kind != Kind.IDENT) {
                throw error("expected a property name or '}' in instance of " + className + " but found "
                        + nameToken.describe(), nameToken);
            }
            String propertyName = name(nameToken, "property", "in instance of " + className);
            if (!seen.add(lower(propertyName))) {
                throw error("property " + propertyName + " is set twice in instance of " + className, nameToken);
            }
            Literal value = null;
            if (peek().is('=')) {
                take();
                value = initializer(depth);
                expect(';', "after the value of property " + propertyName);
            } else {
                Token t = take();
                if (!t.is(';')) {
                    throw error("expected '=' after property name " + propertyName + " but found " + t.describe(), t);
                }
            }
            assignments.add(new Assignment(propertyName, nameToken.offset, qualifiers, value));
        }
        take();
        return new InstanceLiteral(className, alias, assignments, start);
    }

    /** The type a value has when nothing declares one (see the class comment). */
    private CimType naturalType(Literal literal, boolean qualifier, String context) {
        if (literal instanceof IntLiteral i) {
            BigInteger v = i.value();
            if (qualifier && v.compareTo(INT_MIN) >= 0 && v.compareTo(INT_MAX) <= 0) {
                return CimType.SINT32;
            }
            if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
                return CimType.SINT64;
            }
            if (v.signum() > 0 && v.compareTo(UINT64_MAX) <= 0) {
                return CimType.UINT64;
            }
            throw error("integer " + shorten(i.text()) + " of " + context + " is out of the 64-bit range", literal.offset());
        }
        if (literal instanceof RealLiteral) {
            return CimType.REAL64;
        }
        if (literal instanceof StringLiteral || literal instanceof NullLiteral) {
            return CimType.STRING;
        }
        if (literal instanceof CharLiteral) {
            return CimType.CHAR16;
        }
        if (literal instanceof BoolLiteral) {
            return CimType.BOOLEAN;
        }
        if (literal instanceof AliasLiteral) {
            if (qualifier) {
                throw error("a qualifier value cannot be an alias", literal.offset());
            }
            return CimType.REFERENCE;
        }
        if (literal instanceof InstanceLiteral) {
            if (qualifier) {
                throw error("a qualifier value cannot be an instance", literal.offset());
            }
            return CimType.OBJECT;
        }
        ArrayLiteral array = (ArrayLiteral) literal;
        CimType common = null;
        for (Literal element : array.elements()) {
            if (element instanceof NullLiteral) {
                throw error("an array element of " + context + " cannot be NULL", element.offset());
            }
            CimType t = naturalType(element, qualifier, context);
            common = common == null ? t : unify(common, t, element, context);
        }
        return (common == null ? CimType.STRING : common).arrayType();
    }

    private CimType unify(CimType a, CimType b, Literal element, String context) {
        if (a == b) {
            return a;
        }
        if (a.isInteger() && b.isInteger()) {
            if (a == CimType.UINT64 || b == CimType.UINT64) {
                return CimType.UINT64;
            }
            return CimType.SINT64;
        }
        if ((a.isInteger() || a == CimType.REAL64) && (b.isInteger() || b == CimType.REAL64)) {
            return CimType.REAL64;
        }
        throw error("array of " + context + " mixes " + a + " and " + b + " elements", element.offset());
    }

    /**
     * Converts a literal to a value of the given type.
     *
     * @return the value, or null for NULL
     */
    private CimValue convert(Literal literal, CimType type, String context) {
        if (literal instanceof NullLiteral) {
            return null;
        }
        if (type.isArray()) {
            if (!(literal instanceof ArrayLiteral array)) {
                throw error("expected an array (" + type + ") for " + context + " but found " + describe(literal),
                        literal.offset());
            }
            List<Object> values = new ArrayList<>(array.elements().size());
            for (Literal element : array.elements()) {
                if (element instanceof NullLiteral) {
                    throw error("an array element of " + context + " cannot be NULL", element.offset());
                }
                values.add(scalar(element, type.elementType(), context));
            }
            return build(type, values, literal.offset(), context);
        }
        if (literal instanceof ArrayLiteral) {
            throw error("expected a single " + type + " value for " + context + " but found an array", literal.offset());
        }
        return build(type, scalar(literal, type, context), literal.offset(), context);
    }

    private CimValue build(CimType type, Object javaValue, int offset, String context) {
        try {
            return CimValue.of(type, javaValue);
        } catch (RuntimeException e) {
            throw new ParseException(what, context + ": " + e.getMessage(), lexer.text(), offset, e);
        }
    }

    /** {@return the Java value of a scalar literal for an element type, as {@link CimValue#of} takes it} */
    private Object scalar(Literal literal, CimType type, String context) {
        switch (type) {
            case SINT8: case UINT8: case SINT16: case UINT16: case SINT32: case UINT32: case SINT64: case UINT64:
                if (literal instanceof IntLiteral i) {
                    return integer(i, type, context);
                }
                break;
            case REAL32:
            case REAL64:
                if (literal instanceof IntLiteral i) {
                    return type == CimType.REAL32 ? (Object) i.value().floatValue() : (Object) i.value().doubleValue();
                }
                if (literal instanceof RealLiteral r) {
                    double d = Double.parseDouble(r.text());
                    float f = Float.parseFloat(r.text());
                    if (Double.isInfinite(d) || type == CimType.REAL32 && Float.isInfinite(f)) {
                        throw error("real " + shorten(r.text()) + " of " + context + " is out of the " + type + " range",
                                r.offset());
                    }
                    return type == CimType.REAL32 ? (Object) f : (Object) d;
                }
                break;
            case BOOLEAN:
                if (literal instanceof BoolLiteral b) {
                    return b.value();
                }
                break;
            case CHAR16:
                if (literal instanceof CharLiteral c) {
                    return c.value();
                }
                break;
            case STRING:
                if (literal instanceof StringLiteral s) {
                    return s.value();
                }
                if (literal instanceof IntLiteral i) {
                    return i.value().toString();
                }
                break;
            case DATETIME:
                if (literal instanceof StringLiteral s) {
                    try {
                        return CimDateTime.parse(s.value());
                    } catch (RuntimeException e) {
                        throw new ParseException(what, "invalid datetime for " + context + ": "
                                + e.getMessage(), lexer.text(), s.offset(), e);
                    }
                }
                break;
            case REFERENCE:
                if (literal instanceof StringLiteral s) {
                    return s.value();
                }
                if (literal instanceof AliasLiteral a) {
                    return "$" + a.name();
                }
                break;
            case OBJECT:
                if (literal instanceof InstanceLiteral instance) {
                    return buildInstance(instance);
                }
                break;
            default:
                break;
        }
        throw error("expected a " + type + " value for " + context + " but found " + describe(literal), literal.offset());
    }

    private Object integer(IntLiteral literal, CimType type, String context) {
        BigInteger v = literal.value();
        BigInteger min;
        BigInteger max;
        switch (type) {
            case SINT8: min = BigInteger.valueOf(Byte.MIN_VALUE); max = BigInteger.valueOf(Byte.MAX_VALUE); break;
            case UINT8: min = BigInteger.ZERO; max = BigInteger.valueOf(255); break;
            case SINT16: min = BigInteger.valueOf(Short.MIN_VALUE); max = BigInteger.valueOf(Short.MAX_VALUE); break;
            case UINT16: min = BigInteger.ZERO; max = BigInteger.valueOf(65535); break;
            case SINT32: min = INT_MIN; max = INT_MAX; break;
            case UINT32: min = BigInteger.ZERO; max = BigInteger.valueOf(0xFFFF_FFFFL); break;
            case SINT64: min = LONG_MIN; max = LONG_MAX; break;
            default: min = BigInteger.ZERO; max = UINT64_MAX; break;
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw error("value " + shorten(literal.text()) + " of " + context + " is out of the " + type + " range "
                    + min + ".." + max, literal.offset());
        }
        return type == CimType.UINT64 ? (Object) v : (Object) v.longValue();
    }

    /** Builds an instance: typed by its class when declared in the document, else with natural types. */
    private WmiObject buildInstance(InstanceLiteral literal) {
        ClassResolver.View view = resolver.view(literal.className());
        WmiClass base = view != null ? view.resolved() : WmiClass.builder(literal.className()).build();
        boolean closed = view != null && view.complete();
        Map<String, PropertyDefinition> changed = new LinkedHashMap<>();
        List<Object[]> values = new ArrayList<>();
        for (Assignment a : literal.assignments()) {
            Optional<PropertyDefinition> declared = base.property(a.name());
            if (a.value() == null) {
                if (declared.isEmpty() && closed) {
                    throw error("class " + base.name() + " has no property " + a.name(), a.offset());
                }
                continue;
            }
            String context = "property " + a.name();
            PropertyDefinition definition;
            if (declared.isPresent()) {
                definition = declared.get();
                if (!definition.type().isArray() && a.value() instanceof ArrayLiteral) {
                    // Declared scalar, given an array: the renderer lost the []; keep the value's arity.
                    definition = new PropertyDefinition(definition.name(), definition.type().arrayType(),
                            definition.refClassName(), definition.qualifiers(), null, definition.originClass());
                    changed.put(lower(definition.name()), definition);
                }
            } else if (closed) {
                throw error("class " + base.name() + " has no property " + a.name(), a.offset());
            } else {
                definition = new PropertyDefinition(a.name(), naturalType(a.value(), false, context), null, List.of(),
                        null, literal.className());
                changed.put(lower(a.name()), definition);
            }
            values.add(new Object[] {definition, convert(a.value(), definition.type(), context)});
        }
        WmiClass shape = base;
        if (!changed.isEmpty()) {
            WmiClass.Builder b = base.toBuilder();
            changed.values().forEach(b::property);
            shape = b.build();
        }
        WmiObject.Builder builder = WmiObject.builder(shape);
        for (Object[] v : values) {
            PropertyDefinition definition = (PropertyDefinition) v[0];
            if (v[1] == null) {
                builder.setNull(definition.name(), definition.type());
            } else {
                builder.set(definition.name(), (CimValue) v[1]);
            }
        }
        return builder.build();
    }

    private static String describe(Literal literal) {
        if (literal instanceof IntLiteral i) {
            return "'" + shorten(i.text()) + "'";
        }
        if (literal instanceof RealLiteral r) {
            return "'" + shorten(r.text()) + "'";
        }
        if (literal instanceof StringLiteral s) {
            return "string " + CimValue.quote(shorten(s.value()));
        }
        if (literal instanceof CharLiteral c) {
            return "char " + CimValue.char16(c.value()).toMof();
        }
        if (literal instanceof BoolLiteral b) {
            return b.value() ? "'TRUE'" : "'FALSE'";
        }
        if (literal instanceof NullLiteral) {
            return "'NULL'";
        }
        if (literal instanceof AliasLiteral a) {
            return "'$" + shorten(a.name()) + "'";
        }
        if (literal instanceof ArrayLiteral) {
            return "an array";
        }
        return "'instance of " + ((InstanceLiteral) literal).className() + "'";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- decoding

    static String decode(byte[] bytes, String what) {
        int n = bytes.length;
        Charset charset;
        int skip = 0;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && bytes[0] != 0 && bytes[1] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else if (n >= 2 && bytes[0] == 0 && bytes[1] != 0) {
            charset = StandardCharsets.UTF_16BE;
        } else {
            charset = StandardCharsets.UTF_8;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, n - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((n - skip) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int charOffset = out.position();
            out.flip();
            throw new ParseException(what, "not valid " + charset.name() + " text: malformed bytes at byte offset "
                    + in.position(), out.toString(), charOffset);
        }
        out.flip();
        return out.toString();
    }
}
