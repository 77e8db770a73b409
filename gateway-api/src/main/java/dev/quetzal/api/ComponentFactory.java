package dev.quetzal.api;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import java.util.List;

/**
 * Creates one kind of component from its JSON section.
 *
 * <p>The runtime binds the section (less its {@code type} and {@code name} fields) to {@link
 * #configType()} with unknown fields rejected, then calls {@link #create} once per configured
 * instance, on the control thread. {@code create} should validate and allocate but not start I/O:
 * sockets open and threads start in {@link Component#start()}. Throwing from {@code create} aborts the
 * whole start; components created before it are closed.
 *
 * @param <C> the config record; a record's compact constructor is the place for defaults and checks
 *     (throw {@link dev.quetzal.api.config.ConfigValueException} to name the field)
 * @param <X> the context of runtime services this kind of component receives
 * @param <T> the component
 */
public interface ComponentFactory<C extends Record, X extends PluginContext, T extends Component> {
    /** The JSON {@code "type"} that selects this factory: lowercase, digits and dashes. */
    String type();

    /** The record the JSON section binds to. */
    Class<C> configType();

    /** One line for {@code quetzal plugins}. */
    default String description() {
        return "";
    }

    /**
     * Checks for {@code quetzal doctor} what often breaks this component and the config alone cannot tell:
     * ports free and bindable, files that must match each other, peers reachable. Runs without the
     * component, on the command's thread; it may block for a few seconds (bound every wait) but must not
     * log in anywhere or keep anything open. Findings must not hold secrets. Plugins built against an
     * older API check nothing here.
     *
     * @since API 1.4
     */
    default List<Finding> diagnose(C config, DiagnosticContext context) {
        return List.of();
    }

    /** Creates the component; it is started later with {@link Component#start()}. */
    T create(C config, X context) throws Exception;
}
