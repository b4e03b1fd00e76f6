package dev.lenetlab.experiment.data;

/**
 * A dataset file or folder that cannot be used, with a one-line message meant for the user: it names the
 * file or folder, says what is wrong with it and what to do about it. Callers show {@link #getMessage()} as
 * it is; the cause, when there is one, is only there for debugging.
 */
public class DatasetException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
