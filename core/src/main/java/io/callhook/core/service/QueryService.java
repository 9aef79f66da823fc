package io.callhook.core.service;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.notification.Notification;
import io.callhook.core.port.in.CallhookQueries;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads through the same ports the ingestion writes through. */
public final class QueryService implements CallhookQueries {

    private static final int CONTACT_SCAN_PAGE = 1_000;

    private final UnitOfWork unitOfWork;

    public QueryService(UnitOfWork unitOfWork) {
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    @Override
    public Optional<Call> call(CallId id) {
        return unitOfWork.inTransaction(s -> s.calls().find(id));
    }

    @Override
    public List<Call> latestCalls(Page page) {
        return unitOfWork.inTransaction(s -> s.calls().findLatest(page.offset(), page.limit()));
    }

    @Override
    public List<Organization> organizations(Page page) {
        return unitOfWork.inTransaction(s -> s.directory().organizations(page.offset(), page.limit()));
    }

    @Override
    public Optional<Organization> organization(OrganizationId id) {
        return unitOfWork.inTransaction(s -> s.directory().organization(id));
    }

    @Override
    public Optional<CampaignReport> campaign(CampaignId id) {
        return unitOfWork.inTransaction(s -> s.campaigns().find(id).map(campaign -> report(s, campaign)));
    }

    @Override
    public List<CampaignReport> campaigns(OrganizationId organizationId, Page page) {
        return unitOfWork.inTransaction(s -> s.campaigns()
                .findByOrganization(organizationId, page.offset(), page.limit()).stream()
                .map(campaign -> report(s, campaign)).toList());
    }

    private static CampaignReport report(Stores s, Campaign campaign) {
        CampaignId id = campaign.id();
        List<Call> calls = s.calls().findByCampaign(id);
        Map<ContactStatus, Long> byStatus = new EnumMap<>(ContactStatus.class);
        for (int offset = 0; ; offset += CONTACT_SCAN_PAGE) {
            List<Contact> page = s.contacts().findByCampaign(id, offset, CONTACT_SCAN_PAGE);
            page.forEach(c -> byStatus.merge(c.status(), 1L, Long::sum));
            if (page.size() < CONTACT_SCAN_PAGE) {
                break;
            }
        }
        return report(campaign, byStatus, calls);
    }

    private static CampaignReport report(Campaign campaign, Map<ContactStatus, Long> byStatus, List<Call> calls) {
        CampaignProgress progress = campaign.progress();
        Function<Long, Double> rate = n -> progress.processed() == 0 ? 0.0 : (double) n / progress.processed();
        List<Long> durations = calls.stream().map(c -> c.details().durationMs())
                .filter(d -> d != null && d > 0).toList();
        Long average = durations.isEmpty() ? null
                : Math.round(durations.stream().collect(Collectors.averagingLong(Long::longValue)));
        BigDecimal cost = calls.stream().map(c -> c.details().costCents()).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CampaignReport(campaign, Map.copyOf(byStatus), rate.apply(progress.successful()),
                rate.apply(progress.count(Outcome.CONNECTED)), rate.apply(progress.count(Outcome.VOICEMAIL)), average,
                cost);
    }

    @Override
    public List<Contact> contacts(CampaignId id, Page page) {
        return unitOfWork.inTransaction(s -> s.contacts().findByCampaign(id, page.offset(), page.limit()));
    }

    @Override
    public List<ContactAttempt> attempts(ContactId id) {
        return unitOfWork.inTransaction(s -> s.contacts().attempts(id));
    }

    @Override
    public List<Notification> notifications(OrganizationId organizationId, Page page) {
        return unitOfWork.inTransaction(s -> s.notifications().findForOrganization(organizationId, page.offset(),
                page.limit()));
    }

    @Override
    public List<ActivityEntry> activity(OrganizationId organizationId, Instant since, Page page) {
        return unitOfWork.inTransaction(s -> s.activity().find(organizationId, since, page.offset(), page.limit()));
    }
}
