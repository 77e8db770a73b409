package dev.quetzal.examples.pcap;

import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;

/** Just the services the pcap filter uses: its name, the clock and timers. */
record TestFilterContext(String componentName, TimeSource time, Scheduler scheduler) implements FilterContext {}
