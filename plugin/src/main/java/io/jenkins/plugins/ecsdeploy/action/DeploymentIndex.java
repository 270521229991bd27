package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.XmlFile;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.listeners.ItemListener;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Which build of each job made its latest deployment, kept in a small file. The job page shows that deployment;
 * without this index the page would load a job's recent builds to find one, for every job, deployed or not, at
 * every page view, URL lookup and API call. Jobs that never deployed cost one map lookup.
 */
@Restricted(NoExternalUse.class)
@Extension
public final class DeploymentIndex extends ItemListener {

    private static final Logger LOGGER = Logger.getLogger(DeploymentIndex.class.getName());
    private static final Object LOCK = new Object();
    private static Map<String, Integer> builds;
    /** The file {@link #builds} was read from: a new Jenkins in the same JVM (tests, a reload) reads its own. */
    private static File loadedFrom;

    /** The build that made the job's latest deployment, or null if none did (or it was deleted). */
    @CheckForNull
    static Run<?, ?> latestOf(Job<?, ?> job) {
        Integer number;
        synchronized (LOCK) {
            number = loaded().get(job.getFullName());
        }
        return number == null ? null : job.getBuildByNumber(number);
    }

    static void deployed(Run<?, ?> run) {
        String job = run.getParent().getFullName();
        synchronized (LOCK) {
            Integer known = loaded().get(job);
            if (known != null && known >= run.getNumber()) {
                return;
            }
            loaded().put(job, run.getNumber());
            save();
        }
    }

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        synchronized (LOCK) {
            Map<String, Integer> renamed = new HashMap<>();
            loaded().entrySet().removeIf(e -> {
                if (e.getKey().equals(oldFullName) || e.getKey().startsWith(oldFullName + "/")) {
                    renamed.put(newFullName + e.getKey().substring(oldFullName.length()), e.getValue());
                    return true;
                }
                return false;
            });
            if (!renamed.isEmpty()) {
                loaded().putAll(renamed);
                save();
            }
        }
    }

    @Override
    public void onDeleted(Item item) {
        String name = item.getFullName();
        synchronized (LOCK) {
            if (loaded().keySet().removeIf(k -> k.equals(name) || k.startsWith(name + "/"))) {
                save();
            }
        }
    }

    /** The index of the Jenkins running now; callers hold {@link #LOCK}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> loaded() {
        synchronized (LOCK) {
            XmlFile file = file();
            if (builds == null || !file.getFile().equals(loadedFrom)) {
                Map<String, Integer> read = new HashMap<>();
                if (file.exists()) {
                    try {
                        read.putAll((Map<String, Integer>) file.read());
                    } catch (IOException | ClassCastException e) {
                        LOGGER.log(Level.WARNING, "Could not read the index of deployed jobs; it starts empty", e);
                    }
                }
                builds = read;
                loadedFrom = file.getFile();
            }
            return builds;
        }
    }

    private static void save() {
        try {
            file().write(new HashMap<>(loaded()));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the index of deployed jobs", e);
        }
    }

    private static XmlFile file() {
        return new XmlFile(Jenkins.XSTREAM2, new File(Jenkins.get().getRootDir(),
                DeploymentIndex.class.getName() + ".xml"));
    }
}
