package io.github.cm4j.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code SMS_Template}: a ConfigMgr 2007 software updates deployment template (its settings as the
 * {@code <TemplateDescription>} XML of the SDK's "How to Create a Deployment Template"). Generated as
 * {@link DeploymentTemplate}. Absent on current branch.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@WmiClassName(value = "SMS_Template", absentOn = "current")
abstract class AbstractDeploymentTemplate implements WmiModel {
    /** {@return the key the provider assigned ({@code TemplateID})} */
    @WmiPropertyName(value = "TemplateID", key = true)
    public abstract long templateId();

    /** {@return the unique name ({@code Name})} */
    @WmiPropertyName("Name")
    public abstract String name();

    /** {@return the description ({@code Description})} */
    @WmiPropertyName("Description")
    public abstract Optional<String> description();

    /** {@return the settings XML, a {@code <TemplateDescription>} element ({@code Data})} */
    @WmiPropertyName("Data")
    public abstract Optional<String> data();

    /** {@return the template type ({@code Type})} */
    @WmiPropertyName("Type")
    public abstract long type();

    /** {@return one line: {@code DeploymentTemplate{templateId=1, "Monthly"}}} */
    @Override
    public String toString() {
        return "DeploymentTemplate{templateId=" + templateId() + ", \"" + name() + "\"}";
    }
}
