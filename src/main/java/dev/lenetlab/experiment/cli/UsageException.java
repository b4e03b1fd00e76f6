package dev.lenetlab.experiment.cli;

/** Invalid input from the user: the message is one line that names the value and what to do (exit 2). */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
