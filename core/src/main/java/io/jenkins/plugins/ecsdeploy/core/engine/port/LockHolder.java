package io.jenkins.plugins.ecsdeploy.core.engine.port;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who holds an environment's deployment lock, as stored in AWS. Times are kept to the second, as the tag stores them.
 *
 * @param deploymentId the run holding the lock
 * @param owner who started that run
 * @param since when the run first took the lock
 * @param expires when the lock lapses unless renewed; null for a lock value this version cannot read, which never
 *     lapses on its own and must be broken explicitly
 * @param where the machine or controller the run is driven from, e.g. {@code cli@build-host-3}
 */
public record LockHolder(String deploymentId, String owner, Instant since, Instant expires, String where) {

    public LockHolder {
        Objects.requireNonNull(deploymentId, "deploymentId");
        owner = owner == null || owner.isBlank() ? "unknown" : owner;
        where = where == null || where.isBlank() ? "unknown host" : where;
        since = since == null ? null : since.truncatedTo(ChronoUnit.SECONDS);
        expires = expires == null ? null : expires.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A new lock for a run, lasting {@code ttl} from {@code now}. */
    public static LockHolder forRun(String deploymentId, String owner, String where, Instant now, Duration ttl) {
        return new LockHolder(deploymentId, owner, now, now.plus(ttl), where);
    }

    /** Whether the lock has lapsed at {@code now}, so that another run may take it over. */
    public boolean isExpired(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    /** Whether {@code other} was written by the same run (possibly with another expiry). */
    public boolean sameDeployment(LockHolder other) {
        return other != null && deploymentId.equals(other.deploymentId);
    }

    public LockHolder expiringAt(Instant newExpiry) {
        return new LockHolder(deploymentId, owner, since, newExpiry, where);
    }

    /** One phrase naming the holder for messages: deployment, who, where, since when, until when. */
    public String describe() {
        if (expires == null) {
            return "an unreadable lock value '" + deploymentId + "' (not written by this version of ecs-deploy)";
        }
        return "deployment " + deploymentId + " started by " + owner + " on " + where + ", holding it since " + since
                + " (expires " + expires + " unless renewed)";
    }
}
