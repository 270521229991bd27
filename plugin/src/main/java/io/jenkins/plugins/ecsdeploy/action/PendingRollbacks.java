package io.jenkins.plugins.ecsdeploy.action;

import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Job;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The builds on which a Rollback-button rollback is running, kept in a small file of their own. Jenkins loads
 * builds lazily, so after a restart nothing would load such a build, and so nothing would continue its rollback,
 * until someone opened it. At startup every listed build is loaded, which continues its rollback through
 * {@link DeploymentAction#onLoad}.
 */
@Restricted(NoExternalUse.class)
public final class PendingRollbacks {

    private static final Logger LOGGER = Logger.getLogger(PendingRollbacks.class.getName());

    private PendingRollbacks() {
    }

    static void add(Run<?, ?> run) {
        update(builds -> {
            if (!builds.contains(key(run))) {
                builds.add(key(run));
            }
        });
    }

    static void remove(Run<?, ?> run) {
        update(builds -> builds.remove(key(run)));
    }

    /** Loads the listed builds once jobs are loaded; a build or job deleted since is dropped from the list. */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void resumeAll() {
        for (String key : read()) {
            int hash = key.lastIndexOf('#');
            Job<?, ?> job = Jenkins.get().getItemByFullName(key.substring(0, hash), Job.class);
            Run<?, ?> run = job == null ? null : job.getBuildByNumber(Integer.parseInt(key.substring(hash + 1)));
            if (run == null) {
                update(builds -> builds.remove(key));
            }
        }
    }

    private static String key(Run<?, ?> run) {
        return run.getParent().getFullName() + "#" + run.getNumber();
    }

    private static synchronized void update(Consumer<List<String>> change) {
        List<String> builds = read();
        change.accept(builds);
        try {
            file().write(builds);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the list of running rollbacks", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static synchronized List<String> read() {
        XmlFile file = file();
        if (!file.exists()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>((List<String>) file.read());
        } catch (IOException | ClassCastException e) {
            LOGGER.log(Level.WARNING, "Could not read the list of running rollbacks", e);
            return new ArrayList<>();
        }
    }

    private static XmlFile file() {
        return new XmlFile(Jenkins.XSTREAM2, new File(Jenkins.get().getRootDir(), PendingRollbacks.class.getName()
                + ".xml"));
    }
}
