package cn.zwgk.consolidator.portal;

import java.security.SecureRandom;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issues the portal's passwords and hashes them. Every password is drawn by the program (96 bits
 * from SecureRandom); nobody chooses one, so the hash's work factor guards no weak password and is
 * set low enough for a province's 20,000 units (docs/decisions.md gives the measured figures).
 */
public final class Passwords {

    /** BCrypt's cost: 2^5 rounds, about 3 ms a hash here; the stored form names it, so it can be raised later. */
    static final int BCRYPT_STRENGTH = 5;

    // no 0/O, 1/l/I: a clerk may have to type it from a printed list
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 17; // 17 × log2(56) ≈ 98 bits

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** Spring Security's delegating encoder: hashes as {bcrypt}…, reads whatever form is stored. */
    public static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(BCRYPT_STRENGTH)));
    }

    public static String issue() {
        char[] password = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }
}
