package io.centrasync.mapping;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A digest of everything one record writes (its row and all its child rows). Stored in the root
 * row, it lets a re-read of an unchanged record (lookback overlap, resume, rerun) skip the write.
 * MD5 is used as a fast change detector, not for security.
 *
 * <p>Values are fed to the digest in a compact binary canonical form (equal values, equal bytes:
 * 1.50 and 1.5, one instant in two offsets), not as text: on a backfill this runs for every record,
 * and formatting decimals and times as strings cost more than the digest itself.
 */
public final class RowHasher {

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte DECIMAL = 2;
    private static final byte INSTANT = 3;
    private static final byte INTEGER = 4;
    private static final byte BOOLEAN = 5;
    private static final byte DATE = 6;
    private static final byte CHILD_TABLE = 7;
    private static final byte CHILD_ROW = 8;

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));
    /** one digest per thread: looking MD5 up in the security providers for every record cost more than hashing it */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(RowHasher::md5);

    private RowHasher() {
    }

    static String hash(Object[] row, Map<String, List<Object[]>> children) {
        ByteBuffer buf = BUFFER.get().clear();
        buf = update(buf, row);
        for (Map.Entry<String, List<Object[]>> child : children.entrySet()) {
            buf = text(room(buf, 1).put(CHILD_TABLE), child.getKey());
            for (Object[] childRow : child.getValue()) {
                buf = update(room(buf, 1).put(CHILD_ROW), childRow);
            }
        }
        BUFFER.set(buf);
        MessageDigest md = MD5.get();
        md.update(buf.array(), 0, buf.position());
        return HexFormat.of().formatHex(md.digest()); // digest() also resets it for the next record
    }

    private static ByteBuffer update(ByteBuffer buf, Object[] row) {
        for (Object value : row) {
            buf = value(buf, value);
        }
        return buf;
    }

    private static ByteBuffer value(ByteBuffer buf, Object value) {
        if (value == null) {
            return room(buf, 1).put(NULL);
        }
        if (value instanceof String s) {
            return text(room(buf, 1).put(TEXT), s);
        }
        if (value instanceof BigDecimal d) {
            return decimal(buf, d);
        }
        if (value instanceof OffsetDateTime t) {
            return room(buf, 13).put(INSTANT).putLong(t.toEpochSecond()).putInt(t.getNano());
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return room(buf, 9).put(INTEGER).putLong(((Number) value).longValue());
        }
        if (value instanceof Boolean b) {
            return room(buf, 2).put(BOOLEAN).put((byte) (b ? 1 : 0));
        }
        if (value instanceof LocalDate d) {
            return room(buf, 9).put(DATE).putLong(d.toEpochDay());
        }
        return text(room(buf, 1).put(TEXT), value.toString());
    }

    /** Trailing zeros stripped, so the same number always gives the same bytes; long arithmetic when it fits. */
    private static ByteBuffer decimal(ByteBuffer buf, BigDecimal d) {
        if (d.signum() == 0) {
            return room(buf, 13).put(DECIMAL).putLong(0).putInt(0);
        }
        BigDecimal n = d.precision() <= 18 ? d : d.stripTrailingZeros();
        if (n.precision() <= 18) {
            long unscaled = n.unscaledValue().longValue();
            int scale = n.scale();
            while (unscaled % 10 == 0) {
                unscaled /= 10;
                scale--;
            }
            return room(buf, 13).put(DECIMAL).putLong(unscaled).putInt(scale);
        }
        byte[] unscaled = n.unscaledValue().toByteArray();
        return room(buf, 9 + unscaled.length).put(DECIMAL).putInt(n.scale()).putInt(unscaled.length).put(unscaled);
    }

    private static ByteBuffer text(ByteBuffer buf, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return room(buf, 4 + bytes.length).putInt(bytes.length).put(bytes);
    }

    /** The buffer, or a larger copy when {@code bytes} more would not fit. */
    private static ByteBuffer room(ByteBuffer buf, int bytes) {
        if (buf.remaining() >= bytes) {
            return buf;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + bytes));
        return bigger.put(buf.flip());
    }

    /** Same value, same text: 1.50 and 1.5 are equal, instants compare in UTC (used for key comparison). */
    public static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return value.toString();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
