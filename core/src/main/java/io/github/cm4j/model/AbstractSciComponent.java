package io.github.cm4j.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * {@code SMS_SCI_Component}: a site component's entry in the site control file, for example
 * {@code SMS_WSUS_SYNC_MANAGER} with its {@code Sync Now} embedded property. Generated as
 * {@link SciComponent}; lookups and changes of embedded properties are in {@link EmbeddedPropertyHolder}.
 *
 * <p>Immutable and thread-safe: {@code SciComponent.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_SCI_Component")
abstract class AbstractSciComponent implements SiteControlItem, EmbeddedPropertyHolder<SciComponent> {
    /** {@return the component, e.g. {@code SMS_WSUS_SYNC_MANAGER} ({@code ComponentName})} */
    @WmiPropertyName("ComponentName")
    public abstract String componentName();

    /** {@return whether {@link #name()} is a role or a server, and installed or not ({@code Flag})} */
    @WmiPropertyName("Flag")
    public abstract ComponentFlag flag();

    /** {@return the role or server name, depending on {@link #flag()} ({@code Name})} */
    @WmiPropertyName("Name")
    public abstract String name();

    @WmiPropertyName("Props")
    @Override
    public abstract List<EmbeddedProperty> props();

    @WmiPropertyName("PropLists")
    @Override
    public abstract List<EmbeddedPropertyList> propLists();

    /** {@return one line: {@code SciComponent{PS1 SMS_WSUS_SYNC_MANAGER on CM01, props=[Sync Now=0, ...]}}} */
    @Override
    public String toString() {
        return "SciComponent{" + siteCode() + " " + componentName() + " on " + name() + " (" + itemName() + "), props="
                + props() + (propLists().isEmpty() ? "" : ", propLists=" + propLists()) + "}";
    }
}
