package dev.quetzal.examples.pcap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import java.nio.file.Path;

/**
 * The {@code "pcap"} filter's settings.
 *
 * @param file the capture file, replaced when the filter starts
 * @param snapLength bytes kept of each packet; 0 (or absent) means {@value #DEFAULT_SNAP_LENGTH}
 */
public record PcapFilterConfig(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Capture file to write (relative to the config file's folder); replaced when the gateway starts.")
        Path file,
        @JsonPropertyDescription("Bytes kept of each packet, " + PcapFilterConfig.MIN_SNAP_LENGTH + ".." + PcapFilterConfig.MAX_SNAP_LENGTH
                + "; longer packets are cut. Default " + PcapFilterConfig.DEFAULT_SNAP_LENGTH + ".")
        int snapLength) {
    public static final int DEFAULT_SNAP_LENGTH = 65535;
    /** Enough for an IPv6 header and a TCP header with options. */
    public static final int MIN_SNAP_LENGTH = 64;
    /** libpcap's own maximum (MAXIMUM_SNAPLEN); larger values make readers refuse the file. */
    public static final int MAX_SNAP_LENGTH = 262144;

    public PcapFilterConfig {
        ConfigValueException.require(file, "file", "a file path for the capture");
        if (snapLength == 0) {
            snapLength = DEFAULT_SNAP_LENGTH;
        }
        ConfigValueException.checkRange(snapLength, MIN_SNAP_LENGTH, MAX_SNAP_LENGTH, "snapLength");
    }
}
