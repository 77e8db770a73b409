package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ComponentFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every factory must follow before the runtime trusts it: a type usable as a JSON value
 * and a metric label, a record to bind its config to, and exactly one kind, matching the list that
 * offered it (raw types and unchecked casts can break what the generics promise).
 */
final class FactoryCheck {
    /** Lowercase, digits and dashes, starting with a letter; 63 characters fit a DNS label and a metric label. */
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private FactoryCheck() {}

    /** What is wrong with {@code factory}, offered by {@code plugin.<listedAs>Factories()}, if anything. */
    static Optional<String> problem(ComponentKind listedAs, ComponentFactory<?, ?, ?> factory) {
        if (factory == null) {
            return Optional.of(listedAs.pluginMethod() + " returned a null factory");
        }
        String name = factory.getClass().getName();
        List<ComponentKind> kinds = Arrays.stream(ComponentKind.values())
                .filter(kind -> kind.factoryInterface().isInstance(factory))
                .toList();
        if (kinds.size() != 1) {
            return Optional.of(name + " is listed in " + listedAs.pluginMethod()
                    + " but implements " + (kinds.isEmpty() ? "none" : "several") + " of FrontendFactory, BackendFactory and PacketFilterFactory");
        }
        ComponentKind kind = ComponentKind.of(factory);
        if (kind != listedAs) {
            return Optional.of(name + " is listed in " + listedAs.pluginMethod() + " but is a " + kind.label() + " factory");
        }
        String type = factory.type();
        if (type == null || !TYPE.matcher(type).matches()) {
            return Optional.of(kind.label() + " factory " + name + " has type " + quote(type)
                    + "; a type is lowercase letters, digits and dashes, starts with a letter and has at most 63 characters");
        }
        Class<?> configType = factory.configType();
        if (configType == null || !configType.isRecord()) {
            return Optional.of(kind.label() + " factory " + name + " (type \"" + type + "\") has config type "
                    + (configType == null ? "null" : configType.getName()) + ", which is not a record");
        }
        return Optional.empty();
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
