package io.jenkins.plugins.ecsdeploy.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** A UTC clock that reads a test's simulated time, so runs jump to the instants they ask for instead of sleeping. */
public final class SimulatedClock extends Clock {

    private final Supplier<Instant> now;

    public SimulatedClock(Supplier<Instant> now) {
        this.now = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
