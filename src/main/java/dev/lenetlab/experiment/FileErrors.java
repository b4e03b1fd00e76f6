package dev.lenetlab.experiment;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What went wrong with a file, in words a user can act on. Java's file exceptions carry only the
 * path ({@code AccessDeniedException: /x}) or the operating system's terse reason with both paths
 * of a move ({@code /tmp/.x.tmp -> /tmp/x: Operation not permitted}); every message that reports a
 * failed read or write of ours takes its reason from here, so that they all say the same thing.
 */
public final class FileErrors {
    private FileErrors() {}

    /** The reason a read (or anything but a write) failed, without the paths (the caller's message names the file). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return explain(fs.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The reason creating or replacing a file failed. Linux answers "no such file" when a folder
     * that exists refuses new names (/proc does): saying the file is missing would send the user
     * looking for the wrong problem.
     */
    public static String writeReason(IOException e) {
        if (e instanceof NoSuchFileException missing && missing.getFile() != null) {
            Path parent = Path.of(missing.getFile()).toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return "the folder " + parent + " does not accept new files (system folders such as /proc do not)";
            }
        }
        return reason(e);
    }

    /** The operating system's reason (strerror), with what it usually means here. */
    private static String explain(String reason) {
        return switch (reason.toLowerCase(Locale.ROOT)) {
            case "read-only file system" -> "the file system is read-only";
            case "operation not permitted" -> "the system does not permit it (a file owned by another user in a "
                    + "shared folder such as /tmp, an immutable file, or a system folder such as /sys)";
            case "permission denied" -> "permission denied";
            case "not a directory" -> "a part of the path is a file, not a folder";
            case "is a directory" -> "it is a folder";
            case "no space left on device" -> "the disk is full";
            case "disk quota exceeded" -> "the disk quota is used up";
            default -> reason.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Checks that {@code folder} (which exists) takes new files, by creating and deleting one:
     * asking the file system ({@link Files#isWritable}) is not enough, since it says yes to root
     * everywhere and to anyone on folders such as /proc that refuse every new name.
     * The probe is a hidden name of its own, so it never meets a file of the user's.
     */
    public static void checkCanCreateFiles(Path folder) throws IOException {
        Path probe = folder.resolve(".lenetlab-probe-" + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.newByteChannel(probe, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW).close();
        Files.delete(probe);
    }
}
