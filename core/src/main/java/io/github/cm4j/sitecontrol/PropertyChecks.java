package io.github.cm4j.sitecontrol;

import io.github.cm4j.model.EmbeddedProperty;
import io.github.cm4j.model.EmbeddedPropertyHolder;
import io.github.cm4j.model.SiteControlItem;
import io.github.cm4j.schedule.ScheduleParseException;
import io.github.cm4j.schedule.ScheduleTokens;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks {@link SiteControlSession#put} makes before writing: no embedded property the item does not
 * have (unless added on purpose), and well-formed values where the format is known. Stateless.
 */
final class PropertyChecks {
    private PropertyChecks() {
    }

    static void check(Object item, EmbeddedPropertyHolder<?> base, Set<String> added) {
        EmbeddedPropertyHolder<?> edited = (EmbeddedPropertyHolder<?>) item;
        String itemName = ((SiteControlItem) item).itemName();
        Map<String, EmbeddedProperty> before = base == null ? Map.of() : base.props().stream()
                .collect(Collectors.toMap(EmbeddedProperty::propertyName, Function.identity(), (a, b) -> a));
        for (EmbeddedProperty p : edited.props()) {
            EmbeddedProperty was = before.get(p.propertyName());
            if (was == null && !added.contains(p.propertyName())) {
                throw new IllegalArgumentException(itemName + " has no embedded property \"" + p.propertyName() + "\""
                        + nearest(p.propertyName(), before.keySet()) + "; name it as an added property to create it");
            }
            if (was != null && Objects.equals(was.value1(), p.value1()) && Objects.equals(was.value2(), p.value2())) {
                continue;
            }
            checkSchedule(itemName, p.propertyName(), "Value1", p.value1(), was == null ? null : was.value1());
            checkSchedule(itemName, p.propertyName(), "Value2", p.value2(), was == null ? null : was.value2());
        }
    }

    private static void checkSchedule(String item, String property, String slot, String value, String was) {
        boolean known = slot.equals("Value1") && SiteControlSession.SCHEDULE_PROPERTIES.contains(property);
        boolean wasToken = was != null && !was.isEmpty() && looksLikeToken(was);
        if (!(known || wasToken) || value == null || value.isEmpty() || Objects.equals(value, was)) {
            return;
        }
        try {
            ScheduleTokens.parseAll(value);
        } catch (ScheduleParseException e) {
            throw new IllegalArgumentException("embedded property \"" + property + "\" " + slot + " of " + item
                    + " holds schedule tokens (16 hex digits each, or empty to turn the schedule off): " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeToken(String v) {
        if (v.length() % 16 != 0) {
            return false;
        }
        try {
            ScheduleTokens.parseAll(v);
            return true;
        } catch (ScheduleParseException e) {
            return false;
        }
    }

    private static String nearest(String name, Set<String> names) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> close = names.stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).equals(lower) || distance(n.toLowerCase(Locale.ROOT), lower) <= 2)
                .sorted(Comparator.comparingInt(n -> distance(n.toLowerCase(Locale.ROOT), lower))).toList();
        return close.isEmpty() ? "" : " (did you mean \"" + close.get(0) + "\"? names are case-sensitive)";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
