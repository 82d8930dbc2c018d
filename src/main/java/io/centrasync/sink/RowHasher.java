package io.centrasync.sink;

import io.centrasync.mapping.MappedRecord;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A digest of everything one record writes (its row and all its child rows). Stored in the root
 * row, it lets a re-read of an unchanged record (lookback overlap, resume, rerun) skip the write.
 * MD5 is used as a fast change detector, not for security.
 */
final class RowHasher {

    private RowHasher() {
    }

    static String hash(MappedRecord record) {
        MessageDigest md = md5();
        update(md, record.row());
        for (Map.Entry<String, List<Object[]>> child : record.children().entrySet()) {
            md.update(child.getKey().getBytes(StandardCharsets.UTF_8));
            for (Object[] row : child.getValue()) {
                md.update((byte) 2);
                update(md, row);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Object[] row) {
        for (Object value : row) {
            md.update((byte) 1);
            if (value != null) {
                md.update(canonical(value).getBytes(StandardCharsets.UTF_8));
            } else {
                md.update((byte) 0);
            }
        }
    }

    /** Same value, same text: 1.50 and 1.5 are equal, instants compare in UTC. */
    static String canonical(Object value) {
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
