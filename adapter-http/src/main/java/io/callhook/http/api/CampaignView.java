package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CallingWindow;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.port.in.CallhookQueries.CampaignReport;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign with its progress: status, retry policy, calling window, counters (attempts with an outcome, successful
 * ones, and per outcome), rates (success, contact, voicemail: each ÷ attempts with an outcome), the average duration
 * of its calls, their total cost in cents, and its contacts per status. Every outcome and every contact status is
 * listed, with 0 where there is none, so a dashboard can rely on the keys.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CampaignView(
        String id,
        String organizationId,
        String agentId,
        String name,
        String status,
        RetryPolicyView retryPolicy,
        CallingWindowView callingWindow,
        CountersView counters,
        RatesView rates,
        Long averageDurationMs,
        BigDecimal totalCostCents,
        Map<String, Long> contactsByStatus,
        String createdAt,
        String completedAt) {

    public static CampaignView of(CampaignReport report) {
        Campaign campaign = report.campaign();
        Map<String, Long> contacts = new LinkedHashMap<>();
        for (ContactStatus status : ContactStatus.values()) {
            contacts.put(status.wire(), report.contactsByStatus().getOrDefault(status, 0L));
        }
        return new CampaignView(
                campaign.id().toString(),
                campaign.organizationId().toString(),
                campaign.agentId().toString(),
                campaign.name(),
                campaign.status().wire(),
                RetryPolicyView.of(campaign.retryPolicy()),
                campaign.callingWindow() == null ? null : CallingWindowView.of(campaign.callingWindow()),
                CountersView.of(campaign.progress()),
                new RatesView(report.successRate(), report.contactRate(), report.voicemailRate()),
                report.averageDurationMs(),
                Wire.decimal(report.totalCostCents() == null ? BigDecimal.ZERO : report.totalCostCents()),
                contacts,
                Wire.time(campaign.createdAt()),
                Wire.time(campaign.completedAt()));
    }

    /** Which outcomes are called again, how often in all, and how long after the last attempt. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RetryPolicyView(List<String> retryOn, int maxAttempts, long retryDelaySeconds) {

        static RetryPolicyView of(RetryPolicy policy) {
            List<String> retryOn = Arrays.stream(Outcome.values()).filter(policy::retries).map(Wire::name).toList();
            return new RetryPolicyView(retryOn, policy.maxAttempts(), policy.delay().toSeconds());
        }
    }

    /** Days (monday…sunday, in week order), local start and end {@code HH:mm}, IANA zone. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CallingWindowView(List<String> days, String start, String end, String zone) {

        static CallingWindowView of(CallingWindow window) {
            List<String> days = Arrays.stream(DayOfWeek.values()).filter(window.days()::contains).map(Wire::name)
                    .toList();
            return new CallingWindowView(days, window.start().toString(), window.end().toString(),
                    window.zone().getId());
        }
    }

    /** Attempts with an outcome, attempts the analysis called successful, and attempts per outcome. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CountersView(long processed, long successful, Map<String, Long> byOutcome) {

        static CountersView of(CampaignProgress progress) {
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(Wire.name(outcome), progress.count(outcome));
            }
            return new CountersView(progress.processed(), progress.successful(), byOutcome);
        }
    }

    /** Successful, connected and voicemail attempts, each as a share of the attempts with an outcome (0 without any). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RatesView(double success, double contact, double voicemail) {
    }
}
