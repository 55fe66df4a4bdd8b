package io.github.cm4j.updates;

import io.github.cm4j.ConfigMgrException;
import java.util.List;

/**
 * A product or classification name that no {@code SMS_UpdateCategoryInstance} of that type has; the message
 * names the closest names the site does have.
 */
public class UnknownCategoryException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The name asked for. */
    private final String name;
    /** The closest known names, best first. */
    private final List<String> suggestions;

    /**
     * Creates the exception.
     *
     * @param type the category type looked in
     * @param name the name asked for
     * @param suggestions the closest known names, best first (may be empty)
     * @param site the site whose categories were searched
     */
    public UnknownCategoryException(UpdateCategoryType type, String name, List<String> suggestions, String site) {
        super("no " + type.label() + " named '" + name + "' at site " + site
                + (suggestions.isEmpty() ? "" : "; closest: " + String.join(", ", suggestions)));
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    /** @return the name asked for */
    public String name() {
        return name;
    }

    /** @return the closest known names, best first */
    public List<String> suggestions() {
        return suggestions;
    }
}
