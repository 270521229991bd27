package io.jenkins.plugins.ecsdeploy.core.engine.port;

/**
 * Another deployment holds the environment's lock, or took it from this run. The message names the holder and the
 * fix; nothing was changed in AWS because of it.
 */
public class LockHeldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient LockHolder holder;

    public LockHeldException(String message, LockHolder holder) {
        super(message);
        this.holder = holder;
    }

    /**
     * The message of a run that found another run's lock: who holds it, what this run did about it ({@code thisRun},
     * a sentence), and how to go on.
     */
    public static String heldByAnother(String resource, LockHolder holder, String thisRun) {
        return "Another deployment holds the lock on " + resource + ": " + holder.describe() + ". " + thisRun
                + " Wait for it to finish; if it is dead, break its lock with `ecs-deploy unlock -c <env.yaml> --force"
                + " --reason \"...\"`" + (holder.expires() == null ? "" : " or wait until it expires") + ".";
    }

    /** The holder found in AWS. */
    public LockHolder holder() {
        return holder;
    }
}
