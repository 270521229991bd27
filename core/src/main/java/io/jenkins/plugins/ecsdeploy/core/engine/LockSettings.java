package io.jenkins.plugins.ecsdeploy.core.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How an engine takes the deployment lock.
 *
 * @param where the label stored in the lock to say where the run is driven from, e.g. {@code cli@build-3} or a
 *     Jenkins controller's URL
 * @param ttl how long a lock lasts without renewal; a run renews it when less than half is left, so a crashed run
 *     blocks others for at most this long
 * @param settle how long after writing the lock the run reads it back before its first write to AWS: time for the
 *     store to show every claim written before, and longer than the time between the read and the write of a run
 *     of the previous release (one short step), see {@link DeploymentLock}
 */
public record LockSettings(String where, Duration ttl, Duration settle) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);

    public LockSettings {
        where = where == null || where.isBlank() ? "unknown host" : where.strip();
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(settle, "settle");
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("Lock TTL must be at least one minute, got " + ttl + ".");
        }
        if (settle.isNegative() || settle.compareTo(ttl.dividedBy(2)) >= 0) {
            throw new IllegalArgumentException("Lock settle delay must be between 0 and half the TTL, got " + settle
                    + ".");
        }
    }

    /** The default TTL and settle delay, with {@code where} as the location label. */
    public static LockSettings at(String where) {
        return new LockSettings(where, DEFAULT_TTL, DEFAULT_SETTLE);
    }

    /** This machine's host name, or {@code unknown host} when it cannot be found. */
    public static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
