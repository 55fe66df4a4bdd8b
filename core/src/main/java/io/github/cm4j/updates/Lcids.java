package io.github.cm4j.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Windows locale IDs (LCIDs, [MS-LCID]) of the languages software update content comes in, for matching
 * {@code SMS_CIToContent.ContentLocales} ({@code Locale:<LCID>}; {@code Locale:0} is language-neutral).
 * Stateless; thread-safe.
 */
final class Lcids {
    // [MS-LCID] 2.2: language tag -> LCID, the Windows display languages updates ship for.
    private static final Map<String, Integer> BY_TAG = Map.ofEntries(
            Map.entry("ar-sa", 1025), Map.entry("bg-bg", 1026), Map.entry("ca-es", 1027), Map.entry("zh-tw", 1028),
            Map.entry("cs-cz", 1029), Map.entry("da-dk", 1030), Map.entry("de-de", 1031), Map.entry("el-gr", 1032),
            Map.entry("en-us", 1033), Map.entry("fi-fi", 1035), Map.entry("fr-fr", 1036), Map.entry("he-il", 1037),
            Map.entry("hu-hu", 1038), Map.entry("it-it", 1040), Map.entry("ja-jp", 1041), Map.entry("ko-kr", 1042),
            Map.entry("nl-nl", 1043), Map.entry("nb-no", 1044), Map.entry("pl-pl", 1045), Map.entry("pt-br", 1046),
            Map.entry("ro-ro", 1048), Map.entry("ru-ru", 1049), Map.entry("hr-hr", 1050), Map.entry("sk-sk", 1051),
            Map.entry("sv-se", 1053), Map.entry("th-th", 1054), Map.entry("tr-tr", 1055), Map.entry("uk-ua", 1058),
            Map.entry("sl-si", 1060), Map.entry("et-ee", 1061), Map.entry("lv-lv", 1062), Map.entry("lt-lt", 1063),
            Map.entry("zh-cn", 2052), Map.entry("en-gb", 2057), Map.entry("pt-pt", 2070), Map.entry("sr-latn-rs", 9242),
            Map.entry("zh-hk", 3076), Map.entry("es-es", 3082), Map.entry("fr-ca", 3084), Map.entry("es-mx", 2058));

    private Lcids() {
    }

    /**
     * @param locale a locale with a language, e.g. {@code Locale.GERMANY} or {@code Locale.GERMAN}
     * @return the LCIDs it stands for: one for a language and country, every known one of the language for a
     *         language alone
     * @throws IllegalArgumentException when no LCID is known for it
     */
    static List<Integer> of(Locale locale) {
        String tag = locale.toLanguageTag().toLowerCase(Locale.ROOT);
        Integer exact = BY_TAG.get(tag);
        if (exact != null) {
            return List.of(exact);
        }
        List<Integer> out = new ArrayList<>();
        if (locale.getCountry().isEmpty()) {
            String prefix = locale.getLanguage().toLowerCase(Locale.ROOT) + "-";
            BY_TAG.forEach((t, id) -> {
                if (t.startsWith(prefix)) {
                    out.add(id);
                }
            });
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no Windows locale ID known for " + locale.toLanguageTag()
                    + "; give a language and country such as de-DE");
        }
        return out;
    }
}
