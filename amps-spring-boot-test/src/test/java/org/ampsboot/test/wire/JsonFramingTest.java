package org.ampsboot.test.wire;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFramingTest {

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"c\":\"p\",\"t\":\"a}b\"}", "{\"c\":\"p\",\"t\":\"q\\\"}{\"}", "{\"o\":{\"n\":[1,{}]}}",
			" {\"c\":\"p\"}" })
	void headerEndIsFoundPastBracesInsideStringsAndNestedValues(String header) {
		byte[] frame = bytes(header + "{\"payload\":1}");
		assertThat(Json.headerEnd(frame, frame.length)).isEqualTo(bytes(header).length);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "[1]{}", "{\"c\":\"p\"", "{\"c\":\"p]", "hello" })
	void framesThatDoNotStartWithACompleteObjectHaveNoHeader(String frame) {
		byte[] bytes = bytes(frame);
		assertThat(Json.headerEnd(bytes, bytes.length)).isEqualTo(-1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{}", "[1,2]", "1", "-2.5e3", "\"text\"", "true", "null", " {\"a\":[1,{\"b\":null}]} " })
	void payloadsThatAreOneJsonValueAreValid(String payload) {
		assertThat(payloadIsValid(payload)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "{", "{}}", "{} {}", "1 2", "abc", "{'a':1}", "[1,]", "\"open" })
	void otherPayloadsAreNotValid(String payload) {
		assertThat(payloadIsValid(payload)).isFalse();
	}

	private static boolean payloadIsValid(String payload) {
		byte[] frame = bytes("{\"c\":\"p\",\"t\":\"x\",\"s\":12}" + payload);
		int headerEnd = Json.headerEnd(frame, frame.length);
		InboundHeader header = new InboundHeader();
		try {
			header.read(frame);
			assertThat(header.command()).isEqualTo("p");
			assertThat(header.sequenceNumber()).isEqualTo(12L);
			boolean viaHeaderParser = header.payloadIsValidJson(frame.length - headerEnd);
			assertThat(Json.isValidJson(frame, headerEnd, frame.length - headerEnd)).isEqualTo(viaHeaderParser);
			return viaHeaderParser;
		}
		finally {
			header.release();
		}
	}

}
