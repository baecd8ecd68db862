package cn.zwgk.consolidator.validation;

import java.nio.file.attribute.BasicFileAttributes;

/**
 * The SHA-256 of submission files that this run has read already (the input fingerprint reads
 * every file before the check does), so that the check need not hash them again.
 */
@FunctionalInterface
public interface KnownHashes {

    /** Nothing known: every file is hashed from what the check reads. */
    KnownHashes NONE = (file, attributes) -> null;

    /**
     * The hash of the file named {@code file} of the submissions folder, if it was read when the
     * file system said exactly {@code attributes} of it and it cannot have changed unseen since;
     * null otherwise.
     */
    String sha256(String file, BasicFileAttributes attributes);
}
