package dev.lenetlab.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reasons messages give for failed reads and writes: words, not the exception's raw text. */
class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedMoveIsExplainedWithoutItsPaths() {
        String temporary = dir.resolve(".x.tmp").toString();
        String reason = FileErrors.writeReason(new FileSystemException(temporary, dir.resolve("x").toString(),
                "Operation not permitted"));
        assertFalse(reason.contains(temporary) || reason.contains("->"), reason);
        assertTrue(reason.startsWith("the system does not permit it (a file owned by another user"), reason);
        assertEquals("the file system is read-only",
                FileErrors.writeReason(new FileSystemException(dir.resolve("y").toString(), null, "Read-only file system")));
        assertEquals("permission denied", FileErrors.writeReason(new AccessDeniedException(dir.resolve("z").toString())));
    }

    /** Linux says "no such file" when a system folder refuses a new name; a missing folder is what it says. */
    @Test
    void noSuchFileWhileWritingInAFolderThatExistsIsAFolderRefusingNewFiles() {
        String reason = FileErrors.writeReason(new NoSuchFileException(dir.resolve(".x.tmp").toString()));
        assertEquals("the folder " + dir.toAbsolutePath() + " does not accept new files (system folders such as /proc do not)",
                reason);
        assertEquals("no such file or folder",
                FileErrors.writeReason(new NoSuchFileException(dir.resolve("gone/x").toString())));
        assertEquals("no such file or folder", FileErrors.reason(new NoSuchFileException(dir.resolve("x").toString())),
                "reading a missing file is just that");
    }

    @Test
    void theProbeLeavesNothingBehind() throws Exception {
        FileErrors.checkCanCreateFiles(dir);
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
