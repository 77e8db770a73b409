package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpPrefix;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway's own settings: defaults and the ranges they accept. The default IPv4 pool is in the
 * RFC 6598 shared address space; pools are RFC 4632 prefixes.
 */
final class GatewaySettingsTest {
    @Test
    void defaults() {
        GatewaySettings settings = GatewaySettings.defaults();

        assertEquals(IpPrefix.parse("100.64.0.0/24"), settings.addressPool().ipv4());
        assertNull(settings.addressPool().ipv6());
        assertEquals(new StatusSettings(true, HostPort.parse("127.0.0.1:8964")), settings.status());
        assertEquals(new BufferSettings(4096, 128, 2048), settings.buffers());
        assertEquals(Duration.ofSeconds(4), settings.shutdownTimeout());
        assertEquals(256, settings.routes().maxRoutes());
    }

    @Test
    void absentJsonFieldsTakeDefaultsOneByOne() {
        assertEquals(new BufferSettings(64, 128, 2048), BufferSettings.fromJson(64, null, null));
        assertEquals(new BufferSettings(4096, 256, 2048), BufferSettings.fromJson(null, 256, null));
        assertEquals(new BufferSettings(4096, 128, 9000), BufferSettings.fromJson(null, null, 9000));
        assertEquals(new StatusSettings(false, StatusSettings.DEFAULT_LISTEN), StatusSettings.fromJson(false, null, null));
        assertEquals(new AddressPoolSettings(AddressPoolSettings.DEFAULT_IPV4, IpPrefix.parse("fd00::/64")),
                new AddressPoolSettings(null, IpPrefix.parse("fd00::/64")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "count, 15, 'expected 16..1000000, got 15'",
            "count, 1000001, 'expected 16..1000000, got 1000001'",
            "headroom, 63, 'expected 64..1024, got 63'",
            "headroom, 1025, 'expected 64..1024, got 1025'",
            "capacity, 1279, 'expected 1280..65535, got 1279'",
            "capacity, 65536, 'expected 1280..65535, got 65536'",
    })
    void buffersOutsideTheirRangesAreRefused(String field, int value, String message) {
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> BufferSettings.fromJson(
                field.equals("count") ? value : null,
                field.equals("headroom") ? value : null,
                field.equals("capacity") ? value : null));

        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void buffersAtTheEdgesOfTheirRangesAreAccepted() {
        assertDoesNotThrow(() -> new BufferSettings(16, 64, 1280));
        assertDoesNotThrow(() -> new BufferSettings(1_000_000, 1024, 65535));
    }

    // Issue 6: the route set is capped in size; the cap itself must be a usable number.
    @ParameterizedTest(name = "maxRoutes {0}")
    @CsvSource({"0, 'expected 1..65535, got 0'", "-1, 'expected 1..65535, got -1'", "65536, 'expected 1..65535, got 65536'"})
    void maxRoutesOutsideItsRangeIsRefused(int maxRoutes, String message) {
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> RouteSettings.fromJson(maxRoutes));

        assertEquals("maxRoutes", e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void maxRoutesAtTheEdgesOfItsRangeAndAbsentIsAccepted() {
        assertEquals(1, RouteSettings.fromJson(1).maxRoutes());
        assertEquals(65535, RouteSettings.fromJson(65535).maxRoutes());
        assertEquals(RouteSettings.DEFAULT_MAX_ROUTES, RouteSettings.fromJson(null).maxRoutes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"99, 'expected 100ms..5m, got 99ms'", "300001, 'expected 100ms..5m, got 300001ms'"})
    void shutdownTimeoutOutsideItsRangeIsRefused(long millis, String message) {
        ConfigValueException e = assertThrows(ConfigValueException.class,
                () -> new GatewaySettings(null, null, null, Duration.ofMillis(millis), null));

        assertEquals("shutdownTimeout", e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void shutdownTimeoutAtTheEdgesOfItsRangeIsAccepted() {
        assertDoesNotThrow(() -> new GatewaySettings(null, null, null, Duration.ofMillis(100), null));
        assertDoesNotThrow(() -> new GatewaySettings(null, null, null, Duration.ofMinutes(5), null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ipv4, fd00::/64, 'expected an IPv4 prefix, got fd00::/64'",
            "ipv4, 10.0.0.0/31, 'expected an IPv4 prefix of /30 or shorter, got 10.0.0.0/31'",
            "ipv6, 10.0.0.0/8, 'expected an IPv6 prefix, got 10.0.0.0/8'",
            "ipv6, fd00::/127, 'expected an IPv6 prefix of /126 or shorter, got fd00::/127'",
    })
    void addressPoolsOfTheWrongFamilyOrTooSmallAreRefused(String field, String prefix, String message) {
        IpPrefix value = IpPrefix.parse(prefix);

        ConfigValueException e = assertThrows(ConfigValueException.class, () -> {
            if (field.equals("ipv4")) {
                new AddressPoolSettings(value, null);
            } else {
                new AddressPoolSettings(null, value);
            }
        });

        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }
}
