package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.model.Run;

/**
 * The STS role session name for a build: {@code jenkins-<job>-<build>}, within STS's limits (2 to 64 characters of
 * {@code [\w+=,.@-]}), so CloudTrail names the build that acted.
 */
final class RoleSessionName {

    static final int MAX = 64;

    private RoleSessionName() {
    }

    static String of(Run<?, ?> run) {
        return of(run.getParent().getFullName(), run.getNumber());
    }

    static String of(String job, int build) {
        String suffix = "-" + build;
        String name = job.replaceAll("[^\\w+=,.@-]", "-");
        int room = MAX - "jenkins-".length() - suffix.length();
        if (name.length() > room) {
            // The end of a long folder path names the job; its start is the same for many jobs.
            name = name.substring(name.length() - room);
        }
        return "jenkins-" + name + suffix;
    }
}
