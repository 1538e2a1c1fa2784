package org.ampsboot.test.wire;

import java.nio.charset.StandardCharsets;

/** Building frame bodies (header followed by payload, without the length prefix). Internal: not API. */
public final class Frames {

	private Frames() {
	}

	public static byte[] verbatim(String headerJson, String payload) {
		byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
		byte[] body = (payload != null) ? payload.getBytes(StandardCharsets.UTF_8) : new byte[0];
		byte[] frame = new byte[header.length + body.length];
		System.arraycopy(header, 0, frame, 0, header.length);
		System.arraycopy(body, 0, frame, header.length, body.length);
		return frame;
	}

}
