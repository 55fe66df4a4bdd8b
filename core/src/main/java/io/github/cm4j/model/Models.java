package io.github.cm4j.model;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.ModelBinder;
import java.util.List;

/**
 * Entry points for binding: WMI object to model and back, and the list of models cm4j ships.
 *
 * <pre>{@code
 * SoftwareUpdate u = Models.bind(SoftwareUpdate.class, wmiObject);    // from a query: lazy ones not loaded
 * SoftwareUpdate full = Models.bindLoaded(SoftwareUpdate.class, got); // from a GetObject: lazy ones loaded
 * WmiObject back = u.withCustomSeverity(Severity.CRITICAL).toWmiObject();
 * }</pre>
 *
 * <p>Static methods only; thread-safe.
 */
public final class Models {
    private static final List<Class<? extends WmiModel>> ALL = List.of(
            SoftwareUpdate.class, LocalizedProperties.class, LocalizedEula.class, SdmPackageLocalizedData.class,
            AuthorizationList.class, UpdatesAssignment.class, UpdateGroupAssignment.class, CiToContent.class, CiContentFile.class,
            CiRelation.class, UpdateCategoryInstance.class, CategoryLocalizedProperties.class, StatusMessage.class,
            SupSyncStatus.class, Site.class, SciComponent.class, SciSiteDefinition.class, EmbeddedProperty.class,
            EmbeddedPropertyList.class, DeploymentTemplate.class);

    private Models() {
    }

    /** {@return every model type cm4j ships (the generated classes)} */
    public static List<Class<? extends WmiModel>> all() {
        return ALL;
    }

    /**
     * Binds an object from a query: lazy properties that are NULL read as not loaded.
     *
     * @param type the model type, e.g. {@code SoftwareUpdate.class}
     * @param object an instance of the model's WMI class
     * @param <T> the model type
     * @return the model, keeping {@code object} as its source
     * @throws MappingException when the object does not fit the model (the message names class, property,
     *                          expected and actual type)
     */
    public static <T extends WmiModel> T bind(Class<T> type, WmiObject object) {
        return ModelBinder.of(type).bind(object, false);
    }

    /**
     * Binds an object read by its path (GetObject): its lazy properties are loaded, NULL ones as empty.
     *
     * @param type the model type
     * @param object an instance of the model's WMI class, read by its path
     * @param <T> the model type
     * @return the model, keeping {@code object} as its source
     * @throws MappingException when the object does not fit the model
     */
    public static <T extends WmiModel> T bindLoaded(Class<T> type, WmiObject object) {
        return ModelBinder.of(type).bind(object, true);
    }

    /**
     * {@return the model as a WMI object (see {@link WmiModel#toWmiObject()})}
     *
     * @param model a model
     */
    public static WmiObject toWmiObject(WmiModel model) {
        return model.toWmiObject();
    }

    /**
     * {@return the WMI class it binds, e.g. {@code SMS_SoftwareUpdate}}
     *
     * @param type a model type
     */
    public static String wmiClassName(Class<? extends WmiModel> type) {
        return ModelBinder.of(type).wmiClassName();
    }
}
