package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.github.cm4j.ParseException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Seeded random tests: formatting and parsing are inverse, and hostile input only ever fails cleanly. */
class ObjectPathRoundTripPropertyTest {

    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
    private static final List<String> SERVERS = List.of(".", "SERVER", "cm01.contoso.com", "10.0.0.1", "[fe80::1]",
            "[SMSProvider]", "host-name_01");
    private static final String NAME_START = "ABCXYZabcxyz_ÄéßΩЖ";
    private static final String NAME_PART = NAME_START + "0123456789";
    private static final String SPECIAL = "\"\\'=,.:@|/ \t\n\r\u0000\u001f\u007f%*()[]{}$&";

    private final Random random = new Random(0xC0FFEE_2014L);

    @Test
    void parsingTheFormattedPathGivesAnEqualPath() {
        for (int n = 0; n < 20_000; n++) {
            ObjectPath path = randomPath();
            String text = path.toString();

            ObjectPath reparsed = ObjectPath.parse(text);

            assertThat(reparsed).as(text).isEqualTo(path);
            assertThat(reparsed.hashCode()).as(text).isEqualTo(path.hashCode());
            assertThat(reparsed.toString()).as(text).isEqualTo(text);
            for (Map.Entry<String, Object> key : path.keys().entrySet()) {
                Object value = reparsed.keys().get(key.getKey());
                assertThat(value).as(text).isEqualTo(key.getValue()).hasSameClassAs(key.getValue());
            }
        }
    }

    @Test
    void canonicalFormIsStableAndEqualToTheRelativePath() {
        for (int n = 0; n < 5_000; n++) {
            ObjectPath path = randomPath();

            ObjectPath canonical = path.canonical();

            assertThat(canonical).isEqualTo(path.relative());
            assertThat(canonical.canonical().toString()).isEqualTo(canonical.toString());
            assertThat(ObjectPath.parse(canonical.toString()).canonical().toString()).isEqualTo(canonical.toString());
        }
    }

    @Test
    void acceptedRandomInputFormatsToAnEquivalentPathAndEverythingElseIsAParseException() {
        String alphabet = "\\/.:=,@\"'-0123456789xXabcTRUEfalse_ ";
        int accepted = 0;
        for (int n = 0; n < 100_000; n++) {
            String input;
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder(randomPath().toString());
                for (int e = 1 + random.nextInt(3); e > 0; e--) {
                    int at = random.nextInt(b.length() + 1);
                    char c = random.nextInt(8) == 0 ? (char) random.nextInt(0x10000)
                            : alphabet.charAt(random.nextInt(alphabet.length()));
                    if (random.nextBoolean() && at < b.length()) {
                        b.deleteCharAt(at);
                    } else {
                        b.insert(at, c);
                    }
                }
                input = b.toString();
            } else {
                StringBuilder b = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                input = b.toString();
            }
            try {
                ObjectPath path = ObjectPath.parse(input);
                assertThat(ObjectPath.parse(path.toString())).as(input).isEqualTo(path);
                accepted++;
            } catch (ParseException e) {
                assertThat(e.offset()).isBetween(0, input.length());
            } catch (Throwable t) {
                fail("parse(" + input + ") threw " + t, t);
            }
        }
        assertThat(accepted).isGreaterThan(5_000);
    }

    @Test
    void rejectsHostileInputQuicklyWithAParseException() {
        int mb = 1 << 20;
        Map<String, Supplier<String>> hostile = new LinkedHashMap<>();
        hostile.put("1 MB of backslashes", () -> "\\".repeat(mb));
        hostile.put("1 MB of slashes after a server", () -> "\\\\s" + "\\".repeat(mb));
        hostile.put("a 1 MB namespace of empty segments", () -> "root" + "\\".repeat(mb) + ":C");
        hostile.put("an unterminated 1 MB double-quoted string", () -> "C.K=\"" + "a".repeat(mb));
        hostile.put("an unterminated string of 1 MB of escaped quotes", () -> "C.K=\"" + "\\\"".repeat(mb / 2));
        hostile.put("an unterminated string of 1 MB of escaped backslashes", () -> "C.K=\"" + "\\\\".repeat(mb / 2));
        hostile.put("an unterminated 1 MB single-quoted string", () -> "C.K='" + "\"".repeat(mb));
        hostile.put("a 1 MB integer", () -> "C.K=" + "9".repeat(mb));
        hostile.put("a 1 MB negative integer", () -> "C.K=-" + "1".repeat(mb));
        hostile.put("a 1 MB hexadecimal integer", () -> "C.K=0x" + "f".repeat(mb));
        hostile.put("1 MB of leading zeros then junk", () -> "C.K=" + "0".repeat(mb) + "x");
        hostile.put("a 1 MB word", () -> "C.K=" + "t".repeat(mb));
        hostile.put("a 1 MB class name then junk", () -> "C".repeat(mb) + "!");
        hostile.put("1 MB of nested reference quoting", () -> "C.K=" + "\"\\".repeat(mb / 2));
        hostile.put("100k duplicate keys", () -> "C." + "K=1,".repeat(100_000));
        hostile.put("100k distinct keys then junk", () -> {
            StringBuilder b = new StringBuilder("C.");
            for (int i = 0; i < 100_000; i++) {
                b.append('K').append(i).append("=\"").append(i).append("\",");
            }
            return b.append('!').toString();
        });
        hostile.put("1 MB of '=@'", () -> "C" + "=@".repeat(mb / 2));
        hostile.put("1 MB of unbalanced brackets", () -> "\\\\" + "[".repeat(mb));
        hostile.put("1 MB of NUL", () -> "\u0000".repeat(mb));
        hostile.put("1 MB of lone surrogates", () -> "\uD800".repeat(mb));

        for (Map.Entry<String, Supplier<String>> c : hostile.entrySet()) {
            String input = c.getValue().get();
            long start = System.nanoTime();
            Throwable thrown;
            try {
                ObjectPath.parse(input);
                thrown = null;
            } catch (Throwable t) {
                thrown = t;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(thrown).as(c.getKey()).isInstanceOf(ParseException.class);
            assertThat(((ParseException) thrown).getMessage()).as(c.getKey()).hasSizeLessThan(400);
            assertThat(millis).as(c.getKey() + " took " + millis + " ms").isLessThan(2_000);
        }
    }

    @Test
    void parsesAHundredThousandKeysWithoutTrouble() {
        StringBuilder b = new StringBuilder("C.");
        for (int i = 0; i < 100_000; i++) {
            b.append(i == 0 ? "" : ",").append('K').append(i).append('=').append(i);
        }

        ObjectPath p = ObjectPath.parse(b.toString());

        assertThat(p.keys()).hasSize(100_000);
        assertThat(p.key("k99999")).hasValue(99_999L);
    }

    @Test
    void neverOverflowsTheStackOnDeeplyNestedReferences() {
        // Nest a path in a key value 14 levels deep: the text doubles its backslashes at every level, so the
        // parser sees long escape runs but never recurses.
        ObjectPath path = ObjectPath.parse("\\\\.\\root\\cimv2:Win32_Service.Name=\"WinRM\"");
        for (int depth = 0; depth < 14; depth++) {
            path = ObjectPath.ofClass("Assoc").withNamespace("root").withServer(".").withKey("Ref", path);
        }
        String text = path.toString();

        ObjectPath reparsed = ObjectPath.parse(text);
        for (int depth = 0; depth < 14; depth++) {
            reparsed = ObjectPath.parse((String) reparsed.key("Ref").orElseThrow());
        }

        assertThat(text.length()).isGreaterThan(100_000);
        assertThat(reparsed.key("Name")).hasValue("WinRM");
        ParseException e = catchThrowableOfType(ParseException.class,
                () -> ObjectPath.parse(text.substring(0, text.length() - 1)));
        assertThat(e.problem()).startsWith("unterminated string");
    }

    // ------------------------------------------------------------------------------------------------

    private ObjectPath randomPath() {
        String className = random.nextInt(10) == 0 ? "__" + randomName() : randomName();
        ObjectPath path;
        int form = random.nextInt(20);
        if (form == 0) {
            path = ObjectPath.singleton(className);
        } else if (form == 1) {
            path = ObjectPath.ofClass(className);
        } else if (form == 2) {
            path = ObjectPath.ofClass(className).withKey(ObjectPath.UNNAMED_KEY, randomValue());
        } else {
            Map<String, Object> keys = new LinkedHashMap<>();
            Set<String> folded = new HashSet<>();
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                String name = randomName();
                if (folded.add(name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT))) {
                    keys.put(name, randomValue());
                }
            }
            path = ObjectPath.of(className, keys);
        }
        if (random.nextInt(3) > 0) {
            path = path.withNamespace(random.nextBoolean() ? "root\\sms\\site_" + randomName() : randomName());
            if (random.nextBoolean()) {
                path = path.withServer(SERVERS.get(random.nextInt(SERVERS.size())));
            }
        }
        return path;
    }

    private String randomName() {
        StringBuilder b = new StringBuilder();
        b.append(NAME_START.charAt(random.nextInt(NAME_START.length())));
        for (int i = random.nextInt(12); i > 0; i--) {
            b.append(NAME_PART.charAt(random.nextInt(NAME_PART.length())));
        }
        return b.toString();
    }

    private Object randomValue() {
        switch (random.nextInt(8)) {
            case 0:
                return random.nextBoolean();
            case 1:
                return List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE).get(random.nextInt(5));
            case 2:
                return random.nextLong();
            case 3:
                // uint64 values above Long.MAX_VALUE, including the maximum.
                return random.nextBoolean() ? UINT64_MAX
                        : BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(1 + (random.nextLong() >>> 1)));
            default:
                return randomString();
        }
    }

    private String randomString() {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(24); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0:
                    b.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                    break;
                case 1:
                    b.appendCodePoint(0x80 + random.nextInt(Character.MAX_CODE_POINT - 0x80));
                    break;
                case 2:
                    b.append((char) random.nextInt(0x20));
                    break;
                default:
                    b.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return b.toString();
    }
}
