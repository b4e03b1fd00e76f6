package dev.lenetlab.experiment.model;

/** A model file that cannot be read or written; the message names the file and what to do. */
public final class ModelFileException extends Exception {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
