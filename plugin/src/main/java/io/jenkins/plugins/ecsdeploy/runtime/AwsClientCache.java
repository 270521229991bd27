package io.jenkins.plugins.ecsdeploy.runtime;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jenkins.util.Timer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS clients shared by every deployment that reaches AWS the same way (same credentials object, role, external
 * id, session name, region and endpoint), so a thousand deployments with one set of credentials use one set of
 * clients. A deployment holds a {@link Lease} only while one of its steps runs; clients nobody leased for
 * {@link #IDLE_MILLIS} are closed, so rotated credentials or a deleted environment leave nothing behind.
 */
@Restricted(NoExternalUse.class)
public final class AwsClientCache {

    static final long IDLE_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** How a deployment reaches AWS. {@code credentials} is compared by identity: a replaced secret is a new key. */
    record Key(IdentityOf credentials, String roleArn, String externalId, String sessionName, String region,
            String endpointUrl) {
    }

    /** Wraps an object so that keys compare it by identity, never by (secret) content. */
    static final class IdentityOf {
        private final Object target;

        IdentityOf(Object target) {
            this.target = target;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityOf other && other.target == target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }
    }

    /** Clients and what was made to serve them (an STS client, a role's provider), closed together. */
    record Opened(AwsClients clients, List<SdkAutoCloseable> owned) {
    }

    private static final class Entry {
        final Opened opened;
        int leases;
        ScheduledFuture<?> idleClose;

        Entry(Opened opened) {
            this.opened = opened;
        }
    }

    private static final Map<Key, Entry> ENTRIES = new HashMap<>();

    private AwsClientCache() {
    }

    /** Leases the clients for {@code key}, opening them with {@code open} if none are cached. */
    static Lease lease(Key key, Supplier<Opened> open) {
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e != null) {
                e.leases++;
                if (e.idleClose != null) {
                    e.idleClose.cancel(false);
                    e.idleClose = null;
                }
                return new Lease(key, e.opened.clients());
            }
        }
        // Built outside the lock (it may look up credentials); a concurrent lease of the same key may build a
        // second set, and the loser is closed at once.
        Opened opened = open.get();
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e == null) {
                e = new Entry(opened);
                ENTRIES.put(key, e);
                e.leases++;
                return new Lease(key, opened.clients());
            }
            e.leases++;
            if (e.idleClose != null) {
                e.idleClose.cancel(false);
                e.idleClose = null;
            }
            Lease lease = new Lease(key, e.opened.clients());
            closeLater(opened);
            return lease;
        }
    }

    /** How many sets of clients are open; for tests and the runtime benchmark. */
    public static int openCount() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    private static void release(Key key) {
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e == null || --e.leases > 0) {
                return;
            }
            e.idleClose = Timer.get().schedule(() -> closeIfIdle(key, e), IDLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static void closeIfIdle(Key key, Entry e) {
        synchronized (ENTRIES) {
            if (e.leases > 0 || ENTRIES.get(key) != e) {
                return;
            }
            ENTRIES.remove(key);
        }
        close(e.opened);
    }

    /** Closes every cached client; Jenkins is shutting down. Called without holding any other lock. */
    static void closeAll() {
        List<Entry> all;
        synchronized (ENTRIES) {
            all = new ArrayList<>(ENTRIES.values());
            ENTRIES.clear();
        }
        all.forEach(e -> close(e.opened));
    }

    private static void closeLater(Opened opened) {
        Timer.get().execute(() -> close(opened));
    }

    private static void close(Opened opened) {
        opened.clients().close();
        for (int i = opened.owned().size() - 1; i >= 0; i--) {
            opened.owned().get(i).close();
        }
    }

    /** One step's use of shared clients; closing gives them back (it never closes them). */
    public static final class Lease implements AutoCloseable {
        private final Key key;
        private final AwsClients clients;
        private boolean released;

        private Lease(Key key, AwsClients clients) {
            this.key = key;
            this.clients = clients;
        }

        public AwsClients clients() {
            return clients;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release(key);
            }
        }
    }
}
