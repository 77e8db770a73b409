package dev.quetzal.api;

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

    /** Creates the component; it is started later with {@link Component#start()}. */
    T create(C config, X context) throws Exception;
}
