package io.github.cm4j.internal;

/** A second provider claiming {@code twin:} twice (with {@link FakeTwinProvider2}), to test fail-fast. */
public class FakeTwinProvider extends FakeTransportProvider {
    @Override
    public String scheme() {
        return "twin";
    }
}
