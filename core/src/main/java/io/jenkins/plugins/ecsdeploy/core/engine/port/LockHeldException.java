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

    /** The holder found in AWS. */
    public LockHolder holder() {
        return holder;
    }
}
