package org.leasehold.manager.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The framing of docs/manager-protocol.md: a 4-byte unsigned big-endian length, then that many bytes of
 * UTF-8 text. Stateless; blocking (it runs on the connection's own thread, never on a packet thread).
 */
final class Frames {

    private Frames() {
    }

    /**
     * Reads one frame's text. Returns null at a clean end of stream (before any byte of a frame).
     *
     * @throws FrameException an empty or oversized frame, or text that is not UTF-8
     * @throws EOFException   the stream ended inside a frame
     */
    static String read(InputStream in, int maxBytes) throws IOException, FrameException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        long length = ((long) first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8)
                | data.readUnsignedByte();
        if (length == 0) {
            throw new FrameException("empty frame");
        }
        if (length > maxBytes) {
            throw new FrameException("frame of " + length + " bytes, more than the " + maxBytes + " allowed");
        }
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        return decode(payload);
    }

    static String decode(byte[] payload) throws FrameException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException("frame text is not UTF-8");
        }
    }

    /** The bytes of one frame holding {@code text}. */
    static byte[] encode(CharSequence text) {
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[payload.length + 4];
        int n = payload.length;
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, 4, n);
        return frame;
    }

    /** Writes and flushes one frame. */
    static void write(OutputStream out, CharSequence text) throws IOException {
        out.write(encode(text));
        out.flush();
    }
}
