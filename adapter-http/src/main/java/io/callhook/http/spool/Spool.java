package io.callhook.http.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, durable, append-only spool of verified deliveries, kept while the database cannot be reached.
 *
 * <p><b>Format.</b> The spool is a directory of segment files ({@code 00000000000000000001.seg}, …), appended to in
 * order, and a lock file that keeps a second process out. A segment is a sequence of records:
 * <pre>
 *   int   payload length (big-endian)
 *   int   CRC32C of the payload
 *   payload: long receive time (epoch seconds), int nanoseconds, int signature length, signature (UTF-8), body
 * </pre>
 * Every append is forced to the disk ({@link FileChannel#force}) before {@link #append} returns, so a delivery
 * answered 2xx survives a crash of the process or the machine. A record cut short by a crash (its length runs past the
 * end of the file), or whose checksum does not match, is detected, counted and skipped; the records before it are kept.
 *
 * <p><b>Draining.</b> Segments are drained oldest first: the segment being appended to is sealed (the next append
 * starts a new one) once every older segment is drained, and a segment file is deleted only after each of its records
 * was handed to the sink without failure, i.e. after the inbox insert committed. A crash before the deletion drains the
 * segment again at the next start, which is harmless: the inbox deduplicates by the event's key.
 *
 * <p>Only the JDK ({@link FileChannel}, {@link CRC32C}) is used: the format is a few dozen lines, and a library (a
 * queue or an embedded store) would bring its own file format, threads and failure modes to a path that must stay
 * simple enough to reason about after a crash.
 *
 * <p>Thread-safe: appends come from request threads; one drainer drains.
 */
public final class Spool implements Closeable {

    static final String SEGMENT_SUFFIX = ".seg";
    static final String LOCK_FILE = "spool.lock";
    static final int HEADER_BYTES = 8;
    /** Receive time (12 bytes) and signature length (4 bytes): the smallest possible payload. */
    static final int MIN_PAYLOAD_BYTES = 16;
    /** Larger than any accepted webhook body; a longer length field is damage, not a record. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path directory;
    private final long maxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private final Deque<Path> sealed = new ArrayDeque<>();
    private final Deque<Instant> pending = new ArrayDeque<>();
    private long headPosition;
    private Path activePath;
    private FileChannel active;
    private long activeRecords;
    private long activeBytes;
    private long nextSequence;
    private long bytes;
    private long skipped;
    private boolean refusedFull;
    private boolean writeFailed;

    private Spool(Path directory, long maxBytes, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating it if needed) the spool in {@code directory}, and reads what an earlier run left there.
     *
     * @throws IOException           when the directory cannot be created or read
     * @throws IllegalStateException when another process (or another spool in this one) has the directory open
     */
    public static Spool open(Path directory, long maxBytes) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        Files.createDirectories(directory);
        FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("The spool directory is in use by another server process; give each "
                    + "process its own spool directory (spool.directory, CALLHOOK_SPOOL_DIR)");
        }
        Spool spool = new Spool(directory, maxBytes, lockChannel, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /** Reads the segments an earlier run left behind: their valid records wait to be drained. */
    private synchronized void recover() throws IOException {
        List<Path> segments = segmentsOnDisk();
        long damaged = 0;
        for (Path segment : segments) {
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
                long size = channel.size();
                bytes += size;
                long position = 0;
                while (position < size) {
                    Read read = readAt(channel, position, size);
                    if (read.delivery() != null) {
                        pending.addLast(read.delivery().receivedAt());
                    } else {
                        damaged++;
                    }
                    if (read.next() < 0) {
                        break;
                    }
                    position = read.next();
                }
            }
            sealed.addLast(segment);
            nextSequence = Math.max(nextSequence, sequenceOf(segment) + 1);
        }
        nextSequence = Math.max(nextSequence, 1);
        skipped += damaged;
        if (!segments.isEmpty()) {
            LOG.info("The spool holds {} deliveries ({} bytes in {} segments) from an earlier run; they are moved into "
                    + "the inbox once the database answers", pending.size(), bytes, segments.size());
        }
        if (damaged > 0) {
            LOG.warn("The spool has {} damaged records (cut short by a crash while being written, or failing their "
                    + "checksum); they are skipped", damaged);
        }
    }

    /** Runs {@code listener} after every successful append (the drainer wakes up). */
    public void onAppend(Runnable listener) {
        appendListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Appends a delivery and forces it to the disk.
     *
     * @return {@code true} once the delivery is durable; {@code false} when the spool is full (nothing was written)
     * @throws IOException when writing fails; the spool stays usable (a partly written record is skipped later)
     */
    public boolean append(SpooledDelivery delivery) throws IOException {
        ByteBuffer record = encode(delivery);
        synchronized (this) {
            if (bytes + record.remaining() > maxBytes) {
                refusedFull = true;
                return false;
            }
            try {
                if (active == null) {
                    startSegment();
                }
                while (record.hasRemaining()) {
                    active.write(record);
                }
                active.force(true);
            } catch (IOException e) {
                writeFailed = true;
                abandonActive();
                throw e;
            }
            bytes += record.limit();
            activeBytes += record.limit();
            activeRecords++;
            pending.addLast(delivery.receivedAt());
            refusedFull = false;
            writeFailed = false;
        }
        appendListeners.forEach(Runnable::run);
        return true;
    }

    /**
     * Hands every spooled delivery, oldest first, to {@code sink}, and deletes each segment once all its records were
     * handed over. When {@code sink} throws, draining stops there and the exception is rethrown: that record is handed
     * over again next time.
     *
     * @return how many deliveries were handed over
     */
    public long drainTo(Consumer<SpooledDelivery> sink) throws IOException {
        long drained = 0;
        while (true) {
            Path segment;
            long position;
            synchronized (this) {
                if (sealed.isEmpty() && activeRecords > 0) {
                    sealActive();
                }
                segment = sealed.peekFirst();
                position = headPosition;
            }
            if (segment == null) {
                return drained;
            }
            long size;
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
                size = channel.size();
                while (position >= 0 && position < size) {
                    Read read = readAt(channel, position, size);
                    if (read.delivery() != null) {
                        sink.accept(read.delivery());
                        drained++;
                    }
                    synchronized (this) {
                        if (read.delivery() != null) {
                            pending.pollFirst();
                        }
                        headPosition = read.next();
                    }
                    position = read.next();
                }
            }
            synchronized (this) {
                Files.deleteIfExists(segment);
                forceDirectory();
                sealed.removeFirst();
                headPosition = 0;
                bytes = Math.max(0, bytes - size);
                refusedFull = false;
            }
        }
    }

    /** Deliveries waiting to be drained. */
    public synchronized long depth() {
        return pending.size();
    }

    /** Bytes the spool's segments take on disk. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The largest size the spool may grow to. */
    public long maxBytes() {
        return maxBytes;
    }

    /** When the oldest waiting delivery was received. */
    public synchronized Optional<Instant> oldestReceivedAt() {
        return Optional.ofNullable(pending.peekFirst());
    }

    /** Damaged records found (cut short by a crash, or failing their checksum) and skipped. */
    public synchronized long skippedRecords() {
        return skipped;
    }

    /** Whether the last append was refused because the spool is full (until a drain frees space or one fits). */
    public synchronized boolean isFull() {
        return refusedFull;
    }

    /** Whether the last append failed to write (until one succeeds). */
    public synchronized boolean hasWriteFailed() {
        return writeFailed;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } finally {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                lockChannel.close();
            }
        }
    }

    private void startSegment() throws IOException {
        Path path = directory.resolve(String.format("%020d%s", nextSequence++, SEGMENT_SUFFIX));
        active = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        activePath = path;
        activeRecords = 0;
        activeBytes = 0;
        forceDirectory(); // the new file's name is as durable as what is written to it
    }

    /** The next append starts a new segment; the current one waits to be drained. */
    private void sealActive() throws IOException {
        if (active == null) {
            return;
        }
        try {
            active.close();
        } finally {
            sealed.addLast(activePath);
            active = null;
            activePath = null;
            activeRecords = 0;
            activeBytes = 0;
        }
    }

    /** After a failed write: the segment may end in a partial record; it is sealed and the damage counted. */
    private void abandonActive() {
        if (active == null) {
            return;
        }
        skipped++;
        try {
            bytes += Math.max(0, active.size() - activeBytes);
        } catch (IOException ignored) {
            // the size is a best effort here; it is read again when the segment is drained
        }
        try {
            sealActive();
        } catch (IOException ignored) {
            // the channel is gone either way; its records are read from the file when drained
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UncheckedIOException notSupported) {
            // some platforms cannot open a directory for syncing; the file's own force still holds its bytes
        }
    }

    private List<Path> segmentsOnDisk() throws IOException {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SEGMENT_SUFFIX)) {
            for (Path file : files) {
                if (sequenceOf(file) >= 0) {
                    segments.add(file);
                }
            }
        }
        segments.sort((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)));
        return segments;
    }

    private static long sequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException notASegment) {
            return -1;
        }
    }

    static ByteBuffer encode(SpooledDelivery delivery) {
        byte[] signature = delivery.signature().getBytes(StandardCharsets.UTF_8);
        int payload = MIN_PAYLOAD_BYTES + signature.length + delivery.body().length;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload);
        buffer.position(HEADER_BYTES);
        buffer.putLong(delivery.receivedAt().getEpochSecond());
        buffer.putInt(delivery.receivedAt().getNano());
        buffer.putInt(signature.length);
        buffer.put(signature);
        buffer.put(delivery.body());
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), HEADER_BYTES, payload);
        buffer.putInt(0, payload);
        buffer.putInt(4, (int) crc.getValue());
        buffer.flip();
        return buffer;
    }

    /**
     * The record at {@code position}: its delivery (or {@code null} when damaged) and where the next one starts
     * ({@code -1} when nothing after it can be trusted: a record cut short, or a length that cannot be one).
     */
    static Read readAt(FileChannel channel, long position, long size) throws IOException {
        if (size - position < HEADER_BYTES) {
            return new Read(null, -1);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, header, position);
        int length = header.getInt(0);
        int checksum = header.getInt(4);
        if (length < MIN_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES
                || size - position - HEADER_BYTES < length) {
            return new Read(null, -1);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, position + HEADER_BYTES);
        long next = position + HEADER_BYTES + length;
        CRC32C crc = new CRC32C();
        crc.update(payload.array(), 0, length);
        if ((int) crc.getValue() != checksum) {
            return new Read(null, next);
        }
        payload.flip();
        long seconds = payload.getLong();
        int nanos = payload.getInt();
        int signatureLength = payload.getInt();
        if (signatureLength < 0 || signatureLength > payload.remaining() || nanos < 0 || nanos > 999_999_999) {
            return new Read(null, next);
        }
        byte[] signature = new byte[signatureLength];
        payload.get(signature);
        byte[] body = new byte[payload.remaining()];
        payload.get(body);
        return new Read(new SpooledDelivery(body, new String(signature, StandardCharsets.UTF_8),
                Instant.ofEpochSecond(seconds, nanos)), next);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of a spool segment");
            }
        }
    }

    /** One record read back: its delivery, or {@code null} when damaged, and the next record's position. */
    record Read(SpooledDelivery delivery, long next) {
    }
}
