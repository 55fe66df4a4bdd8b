package io.github.cm4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OperationAccessTest {

    @Test
    void noPublicConstructorOfAPublicCoreClassTakesAnInternalType() throws Exception {
        Path root = Path.of(ConfigMgr.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.endsWith(".class") || rel.contains("/internal/") || rel.endsWith("package-info.class")) {
                    continue;
                }
                Class<?> c = Class.forName(rel.substring(0, rel.length() - 6).replace('/', '.'), false,
                        ConfigMgr.class.getClassLoader());
                if (!Modifier.isPublic(c.getModifiers())) {
                    continue;
                }
                scanned++;
                for (Constructor<?> k : c.getConstructors()) {
                    for (Class<?> t : k.getParameterTypes()) {
                        if (t.getPackageName().startsWith("io.github.cm4j.internal")) {
                            offenders.add(k.toString());
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("public classes scanned").isGreaterThan(50);
        assertThat(offenders).isEmpty();
    }

    @Test
    void configMgrStillBuildsEveryOperationThroughTheAccessPoint() {
        try (ConfigMgr cm = ConfigMgr.connect("fake:PS1")) {
            assertThat(cm.softwareUpdates()).isNotNull();
            assertThat(cm.updateGroups()).isNotNull();
            assertThat(cm.deployments()).isNotNull();
            assertThat(cm.softwareUpdatePoint()).isNotNull();
            assertThat(cm.siteControl()).isNotNull();
        }
    }

    @Test
    void aSecondRegistrationIsRefused() {
        OperationAccess.updates(); // forces the first, legitimate one
        assertThatThrownBy(() -> OperationAccess.setUpdates(null)).isInstanceOf(IllegalStateException.class);
        OperationAccess.sync();
        assertThatThrownBy(() -> OperationAccess.setSync(null)).isInstanceOf(IllegalStateException.class);
        OperationAccess.siteControl();
        assertThatThrownBy(() -> OperationAccess.setSiteControl(null)).isInstanceOf(IllegalStateException.class);
    }
}
