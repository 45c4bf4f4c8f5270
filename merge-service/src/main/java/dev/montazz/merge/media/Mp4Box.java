package dev.montazz.merge.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ISO base media (MP4) box read into memory: a container of boxes, or a leaf whose payload is kept as bytes. Only
 * what {@link FilmSplice} needs: the index ({@code moov}) of files the film's own encoder wrote, never media data.
 */
final class Mp4Box {

    /** Boxes that hold only boxes. ({@code meta} is a full box with children: kept whole as a leaf.) */
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "edts", "mdia", "minf", "stbl", "dinf",
            "udta");

    final String type;
    final byte[] payload;
    final List<Mp4Box> children;

    private Mp4Box(String type, byte[] payload, List<Mp4Box> children) {
        this.type = type;
        this.payload = payload;
        this.children = children;
    }

    static Mp4Box leaf(String type, byte[] payload) {
        return new Mp4Box(type, payload, null);
    }

    static Mp4Box container(String type, List<Mp4Box> children) {
        return new Mp4Box(type, null, new ArrayList<>(children));
    }

    /** The box in these bytes, which hold exactly one box (header included). */
    static Mp4Box parse(byte[] bytes) throws IOException {
        List<Mp4Box> boxes = parseAll(ByteBuffer.wrap(bytes));
        if (boxes.size() != 1) {
            throw new IOException("Expected one box, found " + boxes.size());
        }
        return boxes.get(0);
    }

    private static List<Mp4Box> parseAll(ByteBuffer buffer) throws IOException {
        List<Mp4Box> boxes = new ArrayList<>();
        while (buffer.remaining() >= 8) {
            int start = buffer.position();
            long size = buffer.getInt() & 0xFFFFFFFFL;
            String type = fourCc(buffer.getInt());
            if (size == 1) {
                size = buffer.getLong();
            } else if (size == 0) {
                size = buffer.limit() - start;
            }
            int header = buffer.position() - start;
            if (size < header || start + size > buffer.limit()) {
                throw new IOException("Box " + type + " overruns its parent");
            }
            ByteBuffer body = buffer.slice(buffer.position(), (int) size - header);
            buffer.position(start + (int) size);
            if (CONTAINERS.contains(type)) {
                boxes.add(container(type, parseAll(body)));
            } else {
                byte[] payload = new byte[body.remaining()];
                body.get(payload);
                boxes.add(leaf(type, payload));
            }
        }
        if (buffer.hasRemaining()) {
            throw new IOException("Trailing bytes after the last box");
        }
        return boxes;
    }

    static String fourCc(int value) {
        return new String(ByteBuffer.allocate(4).putInt(value).array(), StandardCharsets.ISO_8859_1);
    }

    Optional<Mp4Box> child(String childType) {
        return children == null ? Optional.empty()
                : children.stream().filter(box -> box.type.equals(childType)).findFirst();
    }

    /** The child, or an IOException naming what is missing. */
    Mp4Box need(String path) throws IOException {
        Mp4Box box = this;
        for (String step : path.split("/")) {
            Optional<Mp4Box> next = box.child(step);
            if (next.isEmpty()) {
                throw new IOException("No " + path + " in " + type);
            }
            box = next.get();
        }
        return box;
    }

    List<Mp4Box> all(String childType) {
        return children == null ? List.of() : children.stream().filter(box -> box.type.equals(childType)).toList();
    }

    /** This box with {@code childType} replaced by {@code replacement} (or removed when it is null). */
    void replace(String childType, Mp4Box replacement) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).type.equals(childType)) {
                if (replacement == null) {
                    children.remove(i);
                } else {
                    children.set(i, replacement);
                }
                return;
            }
        }
        if (replacement != null) {
            children.add(replacement);
        }
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    long size() {
        if (children == null) {
            return 8L + payload.length;
        }
        long size = 8;
        for (Mp4Box child : children) {
            size += child.size();
        }
        return size;
    }

    private void write(ByteArrayOutputStream out) {
        ByteBuffer header = ByteBuffer.allocate(8).putInt((int) size())
                .put(type.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(header.array());
        if (children == null) {
            out.writeBytes(payload);
        } else {
            children.forEach(child -> child.write(out));
        }
    }
}
