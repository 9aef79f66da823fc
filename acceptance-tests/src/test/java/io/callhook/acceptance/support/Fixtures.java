package io.callhook.acceptance.support;

import io.callhook.core.retell.RetellPayloads;
import java.util.List;

/**
 * The recorded Retell deliveries ({@code shared/retell/fixtures}, shipped in core's test-jar) and the ids and numbers
 * they use. The scenario tests register these agents and numbers, so the fixtures link to them.
 */
public final class Fixtures {

    /** Agent of the outbound campaign calls (01–04, 20–21, 30–32). */
    public static final String OUTBOUND_AGENT = "agent_8c3f1a9e5b7d2c4e6f0a1b3d5c";
    /** The number's default inbound agent (10, 40–46) and the web call's agent (60). */
    public static final String FRONT_DESK_AGENT = "agent_2d4f6a8c0e1b3d5f7a9c1e3b5d";
    /** The agent our inbound webhook routes the caller to (12–14). */
    public static final String VIP_AGENT = "agent_6e8a0c2e4b6d8f0a2c4e6b8d0f";

    /** Our caller id on outbound calls. */
    public static final String OUTBOUND_NUMBER = "+14155550142";
    /** Our number that receives inbound calls. */
    public static final String INBOUND_NUMBER = "+14155550100";

    public static final String BOOKED_CONTACT = "+12125550198";
    public static final String NO_ANSWER_CONTACT = "+16465550177";
    public static final String VOICEMAIL_CONTACT = "+17185550133";

    public static final String BOOKED_CALL = "call_4e1b9c07d2a85f36e1c04b7a9d2";
    public static final String NO_ANSWER_CALL = "call_5f3a1d9b7e2c4a6f8d0b2e4c6a8";
    public static final String VOICEMAIL_CALL = "call_c2e4a6b8d0f1e3c5a7b9d1f3e5c";
    public static final String INBOUND_CALL = "call_9a7d5e3c1b0f2e4d6c8a0b1e3f5";
    public static final String TRANSFER_CALL = "call_7b9d1f3a5c7e9b1d3f5a7c9e1b3";
    public static final String CANCELLED_TRANSFER_CALL = "call_3c5e7a9b1d3f5e7c9a1b3d5f7e9";
    public static final String WEB_CALL = "call_1a3c5e7f9b1d3f5a7c9e1b3d5f7";

    /** Each lifecycle's files in the order Retell emits them. */
    public static final List<String> BOOKED = List.of("01-outbound-call_started.json",
            "04-outbound-transcript_updated.json", "02-outbound-call_ended.json", "03-outbound-call_analyzed.json");
    public static final List<String> NO_ANSWER = List.of("20-noanswer-call_ended.json",
            "21-noanswer-call_analyzed.json");
    public static final List<String> VOICEMAIL = List.of("30-voicemail-call_started.json",
            "31-voicemail-call_ended.json", "32-voicemail-call_analyzed.json");
    public static final String INBOUND_WEBHOOK = "10-inbound-call_inbound.request.json";
    public static final List<String> INBOUND = List.of("12-inbound-call_started.json", "13-inbound-call_ended.json",
            "14-inbound-call_analyzed.json");
    public static final List<String> TRANSFER = List.of("40-transfer-call_started.json",
            "41-transfer-transfer_started.json", "42-transfer-transfer_bridged.json", "43-transfer-call_ended.json",
            "44-transfer-call_analyzed.json", "45-transfer-transfer_ended.json");
    public static final String CANCELLED_TRANSFER = "46-transfer-transfer_cancelled.json";
    public static final String WEB = "60-webcall-call_ended.json";
    public static final List<String> CHAT = List.of("70-chat-chat_started.json", "71-chat-chat_ended.json",
            "72-chat-chat_analyzed.json");
    public static final String SMS_INBOUND_WEBHOOK = "75-sms-chat_inbound.request.json";

    private Fixtures() {
    }

    /** The exact bytes of a fixture file. */
    public static byte[] bytes(String fileName) {
        return RetellPayloads.fixture(fileName);
    }
}
