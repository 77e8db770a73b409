package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Refusals an operator must see (RFC 7296 §2.21: NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, TS_UNACCEPTABLE,
 * INTERNAL_ADDRESS_FAILURE) are logged at WARN without debug logging, one line per kind per interval, while a
 * plain drop stays at DEBUG.
 */
@DisplayName("IKE counters: refusals logged at WARN, rate-limited per kind (RFC 7296 §2.21)")
final class CountersTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Counters.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final long[] now = {1_000};
    private final Counters counters = new Counters(() -> now[0]);
    private Level previous;

    @BeforeEach
    void attach() {
        previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    @Test
    @DisplayName("a refusal is counted and logged at WARN; repeats within 10 s are counted, then summed in the next line")
    void refusalsAreRateLimitedPerKind() {
        counters.refuse("init_refused_no_proposal_chosen", "198.18.0.2:500: offered aes128-sha1-modp1024");
        now[0] += Counters.REFUSAL_LOG_INTERVAL_NANOS - 1;
        counters.refuse("init_refused_no_proposal_chosen", "198.18.0.2:500: again");
        counters.refuse("init_refused_no_proposal_chosen", "198.18.0.2:500: again");
        counters.refuse("auth_failed_certificate", "IKE SA 3: certificate expired");
        now[0] += 1;
        counters.refuse("init_refused_no_proposal_chosen", "198.18.0.2:500: later");

        assertEquals(4, counters.get("init_refused_no_proposal_chosen"));
        assertEquals(1, counters.get("auth_failed_certificate"));
        List<String> lines = appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertEquals(List.of("WARN init_refused_no_proposal_chosen: 198.18.0.2:500: offered aes128-sha1-modp1024",
                "WARN auth_failed_certificate: IKE SA 3: certificate expired",
                "WARN init_refused_no_proposal_chosen: 198.18.0.2:500: later (2 more since the last such line)"), lines);
    }

    @Test
    @DisplayName("a drop (malformed, unknown SPI) is counted but not logged above DEBUG")
    void dropsStayAtDebug() {
        counters.drop("unknown_spi", "198.18.0.2:4500: stale");

        assertEquals(1, counters.get("unknown_spi"));
        assertEquals(List.of(), appender.list);
    }
}
