package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 4: after build, a WmiServer holds NT hashes (its NtlmServer) and no {@link Credentials}: walks
 * everything reachable from the server through cm4j's own classes, collections, maps and arrays.
 */
class WmiServerKeepsNoPasswordTest {
    @Test
    void noCredentialsAreReachableFromABuiltOrStartedServer() throws Exception {
        WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo()).account("LAB", "admin", "Secret1!").build();
        assertThat(credentialsReachableFrom(server)).isEmpty();
        server.start();
        try {
            assertThat(credentialsReachableFrom(server)).isEmpty();
        } finally {
            server.close();
        }
    }

    private static List<String> credentialsReachableFrom(Object root) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(root, "server", seen, found);
        return found;
    }

    private static void walk(Object o, String path, Set<Object> seen, List<String> found) throws IllegalAccessException {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Credentials) {
            found.add(path);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getKey(), path + ".key", seen, found);
                walk(e.getValue(), path + "[" + e.getKey() + "]", seen, found);
            }
            return;
        }
        if (o instanceof Iterable<?> it && !(o instanceof java.nio.file.Path)) {
            int i = 0;
            for (Object e : it) {
                walk(e, path + "[" + i++ + "]", seen, found);
            }
            return;
        }
        if (o instanceof Object[] arr) {
            for (int i = 0; i < arr.length; i++) {
                walk(arr[i], path + "[" + i + "]", seen, found);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.github.cm4j.wmi") || o.getClass().getName().startsWith("io.github.cm4j.simulator")) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("io.github.cm4j"); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                walk(f.get(o), path + "." + f.getName(), seen, found);
            }
        }
    }
}
