package io.github.cm4j.internal;

/** Claims {@code TWIN:} too (scheme comparison is case-insensitive). */
public class FakeTwinProvider2 extends FakeTransportProvider {
    @Override
    public String scheme() {
        return "TWIN";
    }
}
