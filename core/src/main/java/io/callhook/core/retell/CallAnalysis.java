package io.callhook.core.retell;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retell's {@code call_analysis}; every component is optional ({@code null} when absent).
 *
 * @param callSummary        {@code call_summary}
 * @param inVoicemail        {@code in_voicemail}
 * @param userSentiment      {@code user_sentiment} (Retell capitalises it: {@code Positive}, …)
 * @param callSuccessful     {@code call_successful}
 * @param customAnalysisData {@code custom_analysis_data}, arbitrary JSON
 */
public record CallAnalysis(
        String callSummary,
        Boolean inVoicemail,
        Sentiment userSentiment,
        Boolean callSuccessful,
        JsonNode customAnalysisData) {
}
