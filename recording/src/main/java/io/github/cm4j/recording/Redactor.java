package io.github.cm4j.recording;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiObject;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces host names, user names, site codes and free text by tokens in everything a recording writes, stable within
 * a file (same input, same token: {@code host-1}, {@code user-1}, site codes {@code Z01}, {@code text-1}), so that
 * relations between calls and answers survive and the recording still replays. Values are learnt from the connection
 * (the URI's host, the account) and from every object before it is written (properties whose names say host, user or
 * site code); a value is replaced wherever it occurs as a whole word (case-insensitive). Free text ({@code text}) is
 * replaced as a whole value, for string properties whose names say description, text, title, message or comment.
 * Not thread-safe: the writer's lock guards it.
 */
final class Redactor {
    /** What may be redacted. */
    enum Category {
        HOSTS, USERS, SITES, TEXT;

        static Set<Category> parse(String list) {
            Set<Category> out = EnumSet.noneOf(Category.class);
            if (list == null || list.isBlank()) {
                return out;
            }
            for (String s : list.split(",")) {
                String k = s.strip().toUpperCase(Locale.ROOT);
                if (k.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Category.valueOf(k));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("redact=" + list + ": '" + s.strip() + "' is not one of hosts, users, sites, text");
                }
            }
            return out;
        }
    }

    private static final Pattern HOST_PROPERTY = Pattern.compile("(?i).*(server|machine|computer|host|fqdn|netbios|domain).*");
    private static final Pattern USER_PROPERTY = Pattern.compile("(?i).*(user|createdby|modifiedby|owner|account|signoff).*");
    private static final Pattern SITE_PROPERTY = Pattern.compile("(?i).*(sitecode|parentsite|reportingsite|sourcesite|destsite).*");
    private static final Pattern TEXT_PROPERTY = Pattern.compile("(?i).*(description|text|title|message|comment|notes|insstring).*");
    private static final Pattern SITE_NAMESPACE = Pattern.compile("(?i)site_([A-Za-z0-9]{3})");

    private final Set<Category> categories;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();
    private final int[] counters = new int[Category.values().length + 1];
    private Pattern pattern;
    private boolean dirty;

    Redactor(Set<Category> categories) {
        this.categories = EnumSet.copyOf(categories.isEmpty() ? EnumSet.noneOf(Category.class) : categories);
    }

    /** @return whether free text is replaced (checked per object: no allocation) */
    boolean redactsText() {
        return categories.contains(Category.TEXT);
    }

    boolean isActive() {
        return !categories.isEmpty();
    }

    Set<Category> categories() {
        return EnumSet.copyOf(categories.isEmpty() ? EnumSet.noneOf(Category.class) : categories);
    }

    /** Learns a host name: its full form, its first label and its domain. */
    void host(String host) {
        if (!categories.contains(Category.HOSTS) || host == null || host.isBlank()) {
            return;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("\\\\")) {
            h = h.substring(2);
        }
        if (h.matches("[0-9.:]+") || h.equals("localhost") || h.equals(".")) {
            if (!h.equals(".") && !h.equals("localhost")) {
                learn(h, "addr-" + next(Category.HOSTS));
            }
            return;
        }
        int dot = h.indexOf('.');
        String shortName = dot > 0 ? h.substring(0, dot) : h;
        String token = tokens.get(shortName);
        if (token == null) {
            token = "host-" + next(Category.HOSTS);
            learn(shortName, token);
        }
        if (dot > 0) {
            String domain = h.substring(dot + 1);
            String dtoken = tokens.get(domain);
            if (dtoken == null) {
                dtoken = "domain-" + next(Category.HOSTS) + ".invalid";
                learn(domain, dtoken);
            }
            learn(h, token + "." + dtoken);
        }
    }

    /** Learns an account: {@code DOMAIN\\user}, {@code user@realm} or {@code user}. */
    void user(String account) {
        if (!categories.contains(Category.USERS) || account == null || account.isBlank()) {
            return;
        }
        String a = account.strip();
        String user = a;
        int bs = a.indexOf('\\');
        int at = a.indexOf('@');
        if (bs > 0) {
            learnOnce(a.substring(0, bs), "DOMAIN" + next(Category.USERS));
            user = a.substring(bs + 1);
        } else if (at > 0) {
            learnOnce(a.substring(at + 1), "REALM" + next(Category.USERS) + ".INVALID");
            user = a.substring(0, at);
        }
        learnOnce(user, "user-" + next(Category.USERS));
    }

    /** Learns a site code. */
    void site(String code) {
        if (!categories.contains(Category.SITES) || code == null || !code.strip().matches("[A-Za-z0-9]{3}")) {
            return;
        }
        int n = next(Category.SITES);
        learnOnce(code.strip(), "Z" + Character.toUpperCase(Character.forDigit(n / 36 % 36, 36))
                + Character.toUpperCase(Character.forDigit(n % 36, 36)));
    }

    /** Learns from a namespace such as {@code root\sms\site_PS1}. */
    void namespace(String ns) {
        if (ns == null) {
            return;
        }
        Matcher m = SITE_NAMESPACE.matcher(ns);
        while (m.find()) {
            site(m.group(1));
        }
    }

    /** Learns the values of an object's host, user and site-code properties, embedded objects included. */
    void learn(WmiObject o) {
        if (!isActive()) {
            return;
        }
        o.server().ifPresent(this::host);
        o.namespace().ifPresent(this::namespace);
        List<PropertyDefinition> props = o.wmiClass().properties();
        for (int i = 0; i < props.size(); i++) {
            CimValue v = o.valueAt(i);
            if (v == null) {
                continue;
            }
            String name = props.get(i).name();
            if (v.type().elementType() == CimType.OBJECT) {
                for (Object e : v.isArray() ? (List<?>) v.value() : List.of(v.value())) {
                    learn((WmiObject) e);
                }
            } else if (v.type().elementType() == CimType.STRING) {
                for (Object e : v.isArray() ? (List<?>) v.value() : List.of(v.value())) {
                    String s = (String) e;
                    if (SITE_PROPERTY.matcher(name).matches()) {
                        site(s);
                    } else if (USER_PROPERTY.matcher(name).matches()) {
                        user(s);
                    } else if (HOST_PROPERTY.matcher(name).matches() && !s.contains(" ") && s.length() < 256) {
                        host(s);
                    }
                }
            }
        }
    }

    /** Whether a property's value is free text replaced as a whole. */
    boolean isText(String propertyName) {
        return categories.contains(Category.TEXT) && TEXT_PROPERTY.matcher(propertyName).matches();
    }

    /** @return the token of a free-text value (same text, same token) */
    String text(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return texts.computeIfAbsent(value, v -> "text-" + next(Category.TEXT));
    }

    /** @return the string with every learnt value replaced by its token */
    String apply(String s) {
        if (s == null || tokens.isEmpty()) {
            return s;
        }
        if (dirty) {
            List<String> keys = new ArrayList<>(tokens.keySet());
            keys.sort((a, b) -> b.length() - a.length());
            StringBuilder alt = new StringBuilder();
            for (String k : keys) {
                alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(k));
            }
            pattern = Pattern.compile("(?<![A-Za-z0-9-])(?:" + alt + ")(?![A-Za-z0-9-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            dirty = false;
        }
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(tokens.get(m.group().toLowerCase(Locale.ROOT))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private void learnOnce(String value, String token) {
        if (!tokens.containsKey(value.toLowerCase(Locale.ROOT))) {
            learn(value, token);
        }
    }

    private void learn(String value, String token) {
        String k = value.toLowerCase(Locale.ROOT);
        if (k.length() < 2 || tokens.containsKey(k)) {
            return;
        }
        tokens.put(k, token);
        dirty = true;
    }

    private int next(Category c) {
        return ++counters[c.ordinal()];
    }

    @Override
    public String toString() {
        return "Redactor" + categories + "[" + tokens.size() + " values]";
    }
}
