package io.github.cm4j.updates;

import java.util.Locale;

/**
 * The kinds of update category the software update point subscribes to: the {@code CategoryTypeName} of
 * {@code SMS_UpdateCategoryInstance} (what {@code Set-CMSoftwareUpdatePointComponent -AddProduct} and
 * {@code -AddUpdateClassification} edit).
 */
public enum UpdateCategoryType {
    /** {@code Product}, e.g. "Windows 11". */
    PRODUCT("Product"),
    /** {@code UpdateClassification}, e.g. "Security Updates". */
    CLASSIFICATION("UpdateClassification");

    private final String typeName;

    UpdateCategoryType(String typeName) {
        this.typeName = typeName;
    }

    /** @return the provider's {@code CategoryTypeName}, e.g. {@code Product} */
    public String typeName() {
        return typeName;
    }

    /** @return "product" or "classification", for messages */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
