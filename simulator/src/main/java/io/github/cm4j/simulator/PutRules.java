package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the SMS Provider checks on {@code PutInstance}, from the property qualifiers of the class
 * ("Configuration Manager Class and Property Qualifiers"): {@code read} properties cannot be changed,
 * {@code SizeLimit("n")} bounds a string's length, {@code not_null} properties need a value, keys need a value.
 * Each refusal names the class, the property and the rule. Also reads WMI's partial-instance put context
 * ({@code __PUT_EXTENSIONS}, {@code __PUT_EXT_PROPERTIES}: "Updating Part of an Instance" in the WMI
 * documentation). Stateless; thread-safe.
 */
final class PutRules {
    private PutRules() {
    }

    /**
     * @param context the call's context
     * @return the properties a partial put writes (lower case), or null for a whole-instance put
     * @throws SimulatedFault {@code WBEM_E_INVALID_PARAMETER} when {@code __PUT_EXTENSIONS} is set without a
     *     string array {@code __PUT_EXT_PROPERTIES}
     */
    static Set<String> partialProperties(WmiContext context) {
        if (context == null) {
            return null;
        }
        Optional<CimValue> ext = context.get("__PUT_EXTENSIONS");
        if (ext.isEmpty() || !Boolean.TRUE.equals(ext.get().value())) {
            return null;
        }
        CimValue props = context.get("__PUT_EXT_PROPERTIES").orElseThrow(() -> new SimulatedFault(
                WbemStatus.WBEM_E_INVALID_PARAMETER, "__PUT_EXTENSIONS is set but __PUT_EXT_PROPERTIES is missing"));
        if (!props.isArray()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "__PUT_EXT_PROPERTIES must be a string array");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object o : props.asList()) {
            names.add(String.valueOf(o).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** @return whether the put writes this property (keys are always taken: they name the instance) */
    static boolean writes(Set<String> partial, PropertyDefinition p) {
        return partial == null || p.isKey() || partial.contains(p.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Checks a put.
     *
     * @param cls the class
     * @param given the instance the client sent
     * @param stored the instance before the put, or null for a creation
     * @param full the instance that would be stored
     * @param partial the partial-put property names, or null
     * @throws SimulatedFault naming the property and the rule
     */
    static void check(WmiClass cls, WmiObject given, WmiObject stored, WmiObject full, Set<String> partial) {
        check(cls, given, stored, full, partial, false);
    }

    /** @return whether a property of the class has the {@code write} qualifier (see the schema README, Decisions 9) */
    static boolean hasWriteProperties(WmiClass cls) {
        return cls.properties().stream().anyMatch(p -> p.hasFlag("write"));
    }

    /**
     * Checks a put.
     *
     * @param cls the class
     * @param given the instance the client sent
     * @param stored the instance before the put, or null for a creation
     * @param full the instance that would be stored
     * @param partial the partial-put property names, or null
     * @param onlyWrite whether the class is read-only (class qualifier Read) but for its {@code write} properties
     * @throws SimulatedFault naming the property and the rule
     */
    static void check(WmiClass cls, WmiObject given, WmiObject stored, WmiObject full, Set<String> partial,
            boolean onlyWrite) {
        List<PropertyDefinition> props = cls.properties();
        for (PropertyDefinition p : props) {
            int gi = given.wmiClass().indexOf(p.name());
            boolean explicit = gi >= 0 && !given.isDefaultAt(gi) && writes(partial, p);
            CimValue value = full.get(p.name()).orElse(null);
            if (p.isKey()) {
                if (value == null) {
                    throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, cls.name() + "." + p.name()
                            + " is a key (qualifier key) and the put gives it no value");
                }
                continue;
            }
            if (explicit && value != null) {
                checkSize(cls, p, value);
            }
            // [read, write]: the page's Access type Read/Write wins over the bare read qualifier (schema README)
            if (stored != null && explicit && (p.hasFlag("read") || onlyWrite) && !p.hasFlag("write")) {
                CimValue before = stored.get(p.name()).orElse(null);
                // A NULL over a lazy property is what writing back a query result sends: the provider takes it and
                // the value is lost (architecture: lazy properties). The client guards against it; we let it through
                // so that the hazard stays observable.
                boolean lazyWipe = value == null && p.isLazy();
                if (!Objects.equals(before, value) && !lazyWipe) {
                    throw new SimulatedFault(WbemStatus.WBEM_E_READ_ONLY, cls.name() + "." + p.name()
                            + " is read-only (" + (p.hasFlag("read") ? "qualifier read" : "class qualifier Read")
                            + "); the put changes it from " + show(before) + " to " + show(value));
                }
            }
            if (value == null && p.hasFlag("not_null") && !p.hasFlag("read") && (stored == null || explicit)) {
                throw new SimulatedFault(WbemStatus.WBEM_E_ILLEGAL_NULL, cls.name() + "." + p.name()
                        + " must have a value (qualifier not_null)" + (stored == null ? "; the put creating the instance gives none"
                        : "; the put sets it to NULL"));
            }
        }
    }

    /**
     * Checks a put that creates an instance: a {@code read} property (without {@code write}) that the provider
     * assigns on creation ({@code AssignmentUniqueID}, {@code CreationTime}, {@code SourceSite} of a deployment,
     * {@code CI_UniqueID}, {@code DateCreated}, {@code NumberOfUpdates} of an update group, ...) and that the client
     * gives another value is refused with {@code WBEM_E_READ_ONLY}, as changing a stored one is: the provider's
     * value is the stored one, and the client's would be silently replaced. The SMS Provider's behaviour is not
     * documented (the qualifier pages say only "Access type: Read-only"; the SDK samples never set one on
     * creation, and "How to Configure and Deploy Updates" sets {@code LocaleID} of {@code SMS_UpdatesAssignment},
     * whose page gives it Read/Write); the simulator applies its update rule. A value equal to the one the provider
     * assigns, an explicit NULL, and a {@code read} property the provider leaves to the client (nothing to
     * conflict with, e.g. {@code ConfigurationFlags} of an update group) are taken. Keys are the key rule's.
     *
     * @param cls the class
     * @param sent the instance as the client sent it
     * @param assigned the instance once the provider filled what it assigns on creation
     * @param partial the partial-put property names, or null
     * @throws SimulatedFault naming the class, the property and the rule
     */
    static void checkCreation(WmiClass cls, WmiObject sent, WmiObject assigned, Set<String> partial) {
        for (PropertyDefinition p : cls.properties()) {
            if (p.isKey() || !p.hasFlag("read") || p.hasFlag("write")) {
                continue;
            }
            int gi = sent.wmiClass().indexOf(p.name());
            if (gi < 0 || sent.isDefaultAt(gi) || !writes(partial, p)) {
                continue;
            }
            CimValue value = sent.get(p.name()).orElse(null);
            CimValue provider = assigned.get(p.name()).orElse(null);
            if (value != null && !Objects.equals(value, provider)) {
                throw new SimulatedFault(WbemStatus.WBEM_E_READ_ONLY, cls.name() + "." + p.name()
                        + " is read-only (qualifier read); the put creating the instance sets it to " + show(value)
                        + ", the provider assigns " + show(provider));
            }
        }
    }

    private static void checkSize(WmiClass cls, PropertyDefinition p, CimValue value) {
        Optional<Qualifier> limit = p.qualifier("SizeLimit");
        if (limit.isEmpty() || limit.get().value() == null) {
            return;
        }
        int max;
        try {
            max = Integer.parseInt(limit.get().value().asString().trim());
        } catch (NumberFormatException e) {
            return;
        }
        for (Object o : value.isArray() ? value.asList() : List.of(value.value())) {
            if (o instanceof String s && s.length() > max) {
                throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, cls.name() + "." + p.name() + " is "
                        + s.length() + " characters long, more than its SizeLimit(\"" + max + "\")");
            }
        }
    }

    private static String show(CimValue v) {
        if (v == null) {
            return "NULL";
        }
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
