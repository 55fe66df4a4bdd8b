package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_CIRelation}: a relation between two configuration items (for example an update that
 * supersedes another). Keys: {@code FromCIID}, {@code IsBroken}, {@code ToCIID}. Generated as
 * {@link CiRelation}.
 *
 * <p>Immutable and thread-safe: {@code CiRelation.builder()} builds one, the {@code with...} methods return
 * changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_CIRelation")
abstract class AbstractCiRelation implements WmiModel {
    /** {@return the CI_ID the relation starts at ({@code FromCIID}, key)} */
    @WmiPropertyName(value = "FromCIID", key = true)
    public abstract long fromCiId();

    /** {@return whether the relation is broken ({@code IsBroken}, key)} */
    @WmiPropertyName(value = "IsBroken", key = true)
    public abstract boolean isBroken();

    /** {@return whether the relation is to one version only ({@code IsVersionSpecific})} */
    @WmiPropertyName("IsVersionSpecific")
    public abstract boolean isVersionSpecific();

    /** {@return the priority ({@code Priority})} */
    @WmiPropertyName("Priority")
    public abstract long priority();

    /** {@return the relation type code ({@code RelationType})} */
    @WmiPropertyName("RelationType")
    public abstract long relationType();

    /** {@return the CI_ID the relation points to ({@code ToCIID}, key)} */
    @WmiPropertyName(value = "ToCIID", key = true)
    public abstract long toCiId();
}
