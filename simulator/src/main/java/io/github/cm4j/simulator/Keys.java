package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalised instance keys: one string per instance, built from the key properties in class order, equal
 * for paths WMI treats as the same instance (string key values compare case-insensitively; integers by
 * value, whichever way the path writes them). Integers are zero-padded so that keys sort numerically.
 */
final class Keys {
    private Keys() {
    }

    /**
     * @param object an instance
     * @return its key
     * @throws SimulatedFault {@code WBEM_E_INVALID_PARAMETER} when a key property is NULL or the class has none
     */
    static String of(WmiObject object) {
        WmiClass cls = object.wmiClass();
        List<PropertyDefinition> keys = cls.keys();
        if (keys.isEmpty()) {
            if (cls.isSingleton()) {
                return "@";
            }
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "class " + cls.name() + " has no key property");
        }
        StringBuilder sb = new StringBuilder();
        for (PropertyDefinition k : keys) {
            CimValue v = object.get(k.name()).orElse(null);
            if (v == null) {
                throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER,
                        "key property " + cls.name() + "." + k.name() + " is NULL");
            }
            append(sb, k.type(), v.value());
        }
        return sb.toString();
    }

    /**
     * @param cls the class the path names (resolved)
     * @param path an instance path
     * @return the key of the instance it names
     * @throws SimulatedFault {@code WBEM_E_INVALID_OBJECT_PATH} when the keys do not match the class's keys
     */
    static String of(WmiClass cls, ObjectPath path) {
        List<PropertyDefinition> keys = cls.keys();
        if (path.isSingleton()) {
            return "@";
        }
        Map<String, Object> given = path.keys();
        if (keys.isEmpty() || given.isEmpty()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "path " + path + " does not name an instance of "
                    + cls.name() + " (its keys are " + keys.stream().map(PropertyDefinition::name).toList() + ")");
        }
        if (given.size() != keys.size() && !(given.size() == 1 && given.containsKey(ObjectPath.UNNAMED_KEY))) {
            throw wrongKeys(cls, path);
        }
        StringBuilder sb = new StringBuilder();
        for (PropertyDefinition k : keys) {
            Object raw = given.get(k.name());
            if (raw == null && keys.size() == 1) {
                raw = given.get(ObjectPath.UNNAMED_KEY);
            }
            if (raw == null) {
                throw wrongKeys(cls, path);
            }
            Object converted = convert(k.type(), raw);
            if (converted == null) {
                throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "key " + k.name() + " of " + cls.name()
                        + " is " + k.type() + " but the path gives " + raw);
            }
            append(sb, k.type(), converted);
        }
        return sb.toString();
    }

    private static SimulatedFault wrongKeys(WmiClass cls, ObjectPath path) {
        return new SimulatedFault(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "path " + path + " does not give the keys of "
                + cls.name() + ": " + cls.keys().stream().map(PropertyDefinition::name).toList());
    }

    /** Converts a path key value (String, Long, BigInteger, Boolean) to the Java form of a CIM type. */
    private static Object convert(CimType type, Object raw) {
        if (type.isInteger()) {
            if (raw instanceof Long || raw instanceof BigInteger) {
                return raw;
            }
            if (raw instanceof String) {
                Object n = Coerce.parseNumber((String) raw);
                return n instanceof Long || n instanceof BigInteger ? n : null;
            }
            return null;
        }
        if (type == CimType.BOOLEAN) {
            if (raw instanceof Boolean) {
                return raw;
            }
            return raw instanceof String ? Coerce.parseBoolean((String) raw) : raw instanceof Long ? (Long) raw != 0 : null;
        }
        return raw.toString();
    }

    private static void append(StringBuilder sb, CimType type, Object v) {
        if (sb.length() > 0) {
            sb.append('\u0001');
        }
        if (type.isInteger()) {
            BigInteger b;
            if (v instanceof BigInteger) {
                b = (BigInteger) v;
            } else if (type == CimType.UINT64 && v instanceof Long && (Long) v < 0) {
                b = new BigInteger(Long.toUnsignedString((Long) v));
            } else {
                b = BigInteger.valueOf(((Number) v).longValue());
            }
            String digits = b.abs().toString();
            sb.append(b.signum() < 0 ? '-' : '+');
            sb.append("0".repeat(Math.max(0, 20 - digits.length()))).append(digits);
        } else if (type == CimType.BOOLEAN) {
            sb.append(((Boolean) v) ? "T" : "F");
        } else {
            sb.append(v.toString().toLowerCase(Locale.ROOT));
        }
    }
}
