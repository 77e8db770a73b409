package dev.quetzal.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.config.ConfigValueException;

/**
 * The packet buffer pool ({@code "buffers"}).
 *
 * @param count buffers in the pool, 16..1,000,000 (default 4096)
 * @param headroom bytes kept free before a packet for headers added without copying (ESP, PPP), 64..1024
 *     (default 128)
 * @param capacity bytes per buffer, 1280 (the IPv6 minimum MTU) ..65535 (default 2048)
 */
public record BufferSettings(int count, int headroom, int capacity) {
    public static final int DEFAULT_COUNT = 4096;
    public static final int DEFAULT_HEADROOM = 128;
    public static final int DEFAULT_CAPACITY = 2048;

    public BufferSettings {
        ConfigValueException.checkRange(count, 16, 1_000_000, "count");
        ConfigValueException.checkRange(headroom, 64, 1024, "headroom");
        ConfigValueException.checkRange(capacity, 1280, 65535, "capacity");
    }

    public static BufferSettings defaults() {
        return fromJson(null, null, null);
    }

    // An int component cannot tell "absent" from 0; JSON binds through boxed values instead.
    @JsonCreator
    static BufferSettings fromJson(
            @JsonProperty("count") Integer count,
            @JsonProperty("headroom") Integer headroom,
            @JsonProperty("capacity") Integer capacity) {
        return new BufferSettings(
                count == null ? DEFAULT_COUNT : count,
                headroom == null ? DEFAULT_HEADROOM : headroom,
                capacity == null ? DEFAULT_CAPACITY : capacity);
    }
}
