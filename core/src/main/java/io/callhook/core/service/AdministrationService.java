package io.callhook.core.service;

import io.callhook.core.call.Outcome;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.CallingWindow;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.RetryPolicy;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.AgentId;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.PhoneNumberId;
import io.callhook.core.directory.User;
import io.callhook.core.directory.UserId;
import io.callhook.core.notification.Notification;
import io.callhook.core.notification.NotificationId;
import io.callhook.core.port.in.AdministrationUseCase;
import io.callhook.core.port.in.CommandResult;
import io.callhook.core.port.in.CommandResult.Conflict;
import io.callhook.core.port.in.CommandResult.Done;
import io.callhook.core.port.in.CommandResult.Invalid;
import io.callhook.core.port.in.CommandResult.NotFound;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Validates and applies management commands, each in one unit of work, with an activity entry per change. */
public final class AdministrationService implements AdministrationUseCase {

    private static final String CAUSE = "admin";
    private static final int MAX_NAME = 200;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration MAX_DELAY = Duration.ofDays(30);

    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public AdministrationService(UnitOfWork unitOfWork, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public CommandResult<Organization> createOrganization(String name) {
        if (isBlank(name) || name.length() > MAX_NAME) {
            return new Invalid<>("name", "must be 1 to " + MAX_NAME + " characters");
        }
        Organization org = new Organization(OrganizationId.random(), name.trim(), clock.instant());
        return write(org.id(), "organization", org.id().toString(), s -> {
            s.directory().create(org);
            return new Done<>(org);
        });
    }

    @Override
    public CommandResult<User> createUser(OrganizationId organizationId, String email, String displayName) {
        if (isBlank(email) || !email.matches("[^@\\s]+@[^@\\s]+") || email.length() > 320) {
            return new Invalid<>("email", "must be an e-mail address");
        }
        User user = new User(UserId.random(), organizationId, email.trim().toLowerCase(Locale.ROOT),
                isBlank(displayName) ? null : displayName.trim(), clock.instant());
        return write(organizationId, "user", user.id().toString(), s -> {
            if (s.directory().organization(organizationId).isEmpty()) {
                return new NotFound<>("organization " + organizationId);
            }
            if (s.directory().users(organizationId).stream().anyMatch(u -> u.email().equals(user.email()))) {
                return new Conflict<>("a user with e-mail " + user.email() + " already exists");
            }
            s.directory().create(user);
            return new Done<>(user);
        });
    }

    @Override
    public CommandResult<Agent> createAgent(OrganizationId organizationId, String retellAgentId, String name) {
        if (isBlank(retellAgentId) || retellAgentId.length() > MAX_NAME) {
            return new Invalid<>("retell_agent_id", "must be Retell's agent id, e.g. agent_3f9a…");
        }
        Agent agent = new Agent(AgentId.random(), organizationId, retellAgentId.trim(), isBlank(name) ? null : name.trim(),
                clock.instant());
        return write(organizationId, "agent", agent.id().toString(), s -> {
            if (s.directory().organization(organizationId).isEmpty()) {
                return new NotFound<>("organization " + organizationId);
            }
            if (s.directory().agentByRetellId(agent.retellAgentId()).isPresent()) {
                return new Conflict<>("Retell agent " + agent.retellAgentId() + " is already registered");
            }
            s.directory().create(agent);
            return new Done<>(agent);
        });
    }

    @Override
    public CommandResult<PhoneNumber> createPhoneNumber(OrganizationId organizationId, String number,
                                                        String inboundAgentId) {
        Optional<PhoneNumberE164> e164 = PhoneNumberE164.normalise(number);
        if (e164.isEmpty()) {
            return new Invalid<>("number", "must be a phone number in E.164 form, e.g. +14155550100");
        }
        Optional<UUID> agentUuid = uuid(inboundAgentId);
        if (inboundAgentId != null && agentUuid.isEmpty()) {
            return new Invalid<>("inbound_agent_id", "must be an agent id (UUID)");
        }
        AgentId agentId = agentUuid.map(AgentId::new).orElse(null);
        PhoneNumber phone = new PhoneNumber(PhoneNumberId.random(), organizationId, e164.get(), agentId, clock.instant());
        return write(organizationId, "phone_number", phone.id().toString(), s -> {
            if (s.directory().organization(organizationId).isEmpty()) {
                return new NotFound<>("organization " + organizationId);
            }
            if (agentId != null && ownAgent(s, organizationId, agentId).isEmpty()) {
                return new NotFound<>("agent " + agentId);
            }
            if (s.directory().phoneNumber(phone.number()).isPresent()) {
                return new Conflict<>("phone number " + phone.number() + " is already registered");
            }
            s.directory().create(phone);
            return new Done<>(phone);
        });
    }

    @Override
    public CommandResult<Campaign> createCampaign(NewCampaign request) {
        if (isBlank(request.name()) || request.name().length() > MAX_NAME) {
            return new Invalid<>("name", "must be 1 to " + MAX_NAME + " characters");
        }
        Optional<UUID> agentUuid = uuid(request.agentId());
        if (agentUuid.isEmpty()) {
            return new Invalid<>("agent_id", "must be an agent id (UUID)");
        }
        CommandResult<RetryPolicy> policy = retryPolicy(request);
        if (!(policy instanceof Done<RetryPolicy> validPolicy)) {
            return policy.refusal();
        }
        CommandResult<Optional<CallingWindow>> window = callingWindow(request.window());
        if (!(window instanceof Done<Optional<CallingWindow>> validWindow)) {
            return window.refusal();
        }
        AgentId agentId = new AgentId(agentUuid.get());
        Campaign campaign = new Campaign(CampaignId.random(), request.organizationId(), agentId, request.name().trim(),
                CampaignStatus.DRAFT, validPolicy.value(), validWindow.value().orElse(null), CampaignProgress.ZERO,
                clock.instant(), null);
        return write(request.organizationId(), "campaign", campaign.id().toString(), s -> {
            if (s.directory().organization(request.organizationId()).isEmpty()) {
                return new NotFound<>("organization " + request.organizationId());
            }
            if (ownAgent(s, request.organizationId(), agentId).isEmpty()) {
                return new NotFound<>("agent " + agentId);
            }
            s.campaigns().create(campaign);
            return new Done<>(campaign);
        });
    }

    @Override
    public CommandResult<ContactsAdded> addContacts(CampaignId campaignId, List<NewContact> requested) {
        if (requested == null || requested.isEmpty()) {
            return new Invalid<>("contacts", "must list at least one contact");
        }
        Instant now = clock.instant();
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            NewContact c = requested.get(i);
            Optional<PhoneNumberE164> number = PhoneNumberE164.normalise(c == null ? null : c.phoneNumber());
            if (number.isEmpty()) {
                return new Invalid<>("contacts[" + i + "].phone_number",
                        "must be a phone number in E.164 form, e.g. +14155550100");
            }
            contacts.add(Contact.pending(ContactId.random(), campaignId, number.get(),
                    isBlank(c.name()) ? null : c.name().trim(), c.variables(), now));
        }
        return unitOfWork.inTransaction(s -> {
            Optional<Campaign> campaign = s.campaigns().lock(campaignId);
            if (campaign.isEmpty()) {
                return new NotFound<>("campaign " + campaignId);
            }
            if (!campaign.get().status().isActive() && campaign.get().status() != CampaignStatus.DRAFT) {
                return new Conflict<>("a " + campaign.get().status().wire() + " campaign takes no more contacts");
            }
            List<Contact> added = s.contacts().createAll(contacts);
            ChangeRecorder changes = recorder(now);
            changes.record(campaign.get().organizationId(), "campaign", campaignId.toString(), "contacts_added", null,
                    added.size());
            s.activity().append(changes.entries());
            return new Done<>(new ContactsAdded(added, contacts.size() - added.size()));
        });
    }

    @Override
    public CommandResult<Campaign> changeCampaignStatus(CampaignId campaignId, CampaignStatus target) {
        Instant now = clock.instant();
        return unitOfWork.inTransaction(s -> {
            Optional<Campaign> locked = s.campaigns().lock(campaignId);
            if (locked.isEmpty()) {
                return new NotFound<>("campaign " + campaignId);
            }
            Campaign campaign = locked.get();
            String refusal = campaign.status().refusalTo(target);
            if (refusal != null) {
                return new Conflict<>(refusal);
            }
            boolean isFinal = target == CampaignStatus.COMPLETED || target == CampaignStatus.CANCELLED;
            s.campaigns().changeStatus(campaignId, campaign.status(), target, isFinal ? now : null);
            ChangeRecorder changes = recorder(now);
            changes.record(campaign.organizationId(), "campaign", campaignId.toString(), "status_changed",
                    campaign.status().wire(), target.wire());
            s.activity().append(changes.entries());
            return new Done<>(s.campaigns().find(campaignId).orElseThrow());
        });
    }

    @Override
    public CommandResult<Notification> markNotificationRead(OrganizationId organizationId, String notificationId) {
        Optional<UUID> id = uuid(notificationId);
        if (id.isEmpty()) {
            return new Invalid<>("notification_id", "must be a notification id (UUID)");
        }
        Instant now = clock.instant();
        return unitOfWork.inTransaction(s -> {
            Optional<Notification> before = s.notifications().markRead(organizationId, new NotificationId(id.get()),
                    now);
            if (before.isEmpty()) {
                return new NotFound<>("notification " + id.get());
            }
            Notification notification = before.get();
            if (notification.readAt() == null) {
                // only the first reading is a change worth an activity entry (and a live update)
                ChangeRecorder changes = recorder(now);
                changes.record(organizationId, "notification", notification.id().toString(), "read", false, true);
                s.activity().append(changes.entries());
            }
            return new Done<>(notification.readAt(now));
        });
    }

    private <T> CommandResult<T> write(OrganizationId org, String entity, String id,
                                       Function<Stores, CommandResult<T>> work) {
        Instant now = clock.instant();
        return unitOfWork.inTransaction(s -> {
            CommandResult<T> result = work.apply(s);
            if (result instanceof Done) {
                ChangeRecorder changes = recorder(now);
                changes.record(org, entity, id, "created", null, null);
                s.activity().append(changes.entries());
            }
            return result;
        });
    }

    private static ChangeRecorder recorder(Instant now) {
        return new ChangeRecorder(CAUSE, null, now, UUID::randomUUID);
    }

    private static Optional<Agent> ownAgent(Stores s, OrganizationId org, AgentId agentId) {
        return s.directory().agent(agentId).filter(a -> a.organizationId().equals(org));
    }

    private static CommandResult<RetryPolicy> retryPolicy(NewCampaign request) {
        RetryPolicy defaults = RetryPolicy.defaults();
        Set<Outcome> retryOn = defaults.retryOn();
        if (request.retryOn() != null) {
            EnumSet<Outcome> parsed = EnumSet.noneOf(Outcome.class);
            for (int i = 0; i < request.retryOn().size(); i++) {
                Optional<Outcome> outcome = enumValue(Outcome.class, request.retryOn().get(i));
                if (outcome.isEmpty() || RetryPolicy.NEVER_RETRIED.contains(outcome.get())) {
                    return new Invalid<>("retry_on[" + i + "]", "must be one of no_answer, busy, failed, "
                            + "platform_error, voicemail, other");
                }
                parsed.add(outcome.get());
            }
            retryOn = parsed;
        }
        int maxAttempts = request.maxAttempts() == null ? defaults.maxAttempts() : request.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            return new Invalid<>("max_attempts", "must be between 1 and " + MAX_ATTEMPTS);
        }
        Duration delay = request.retryDelaySeconds() == null ? defaults.delay()
                : Duration.ofSeconds(request.retryDelaySeconds());
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            return new Invalid<>("retry_delay_seconds", "must be between 0 and " + MAX_DELAY.toSeconds());
        }
        return new Done<>(new RetryPolicy(retryOn, maxAttempts, delay));
    }

    private static CommandResult<Optional<CallingWindow>> callingWindow(NewCallingWindow window) {
        if (window == null) {
            return new Done<>(Optional.empty());
        }
        if (window.days() == null || window.days().isEmpty()) {
            return new Invalid<>("calling_window.days", "must list at least one day, e.g. [\"monday\"]");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < window.days().size(); i++) {
            Optional<DayOfWeek> day = dayOfWeek(window.days().get(i));
            if (day.isEmpty()) {
                return new Invalid<>("calling_window.days[" + i + "]", "must be a day name, e.g. monday");
            }
            days.add(day.get());
        }
        Optional<LocalTime> start = localTime(window.start());
        Optional<LocalTime> end = localTime(window.end());
        if (start.isEmpty()) {
            return new Invalid<>("calling_window.start", "must be a local time HH:mm");
        }
        if (end.isEmpty() || !end.get().isAfter(start.get())) {
            return new Invalid<>("calling_window.end", "must be a local time HH:mm after the start");
        }
        try {
            return new Done<>(Optional.of(new CallingWindow(days, start.get(), end.get(), ZoneId.of(window.zone()))));
        } catch (DateTimeException | NullPointerException e) {
            return new Invalid<>("calling_window.zone", "must be an IANA time zone, e.g. America/New_York");
        }
    }

    private static Optional<DayOfWeek> dayOfWeek(String text) {
        if (isBlank(text)) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return EnumSet.allOf(DayOfWeek.class).stream()
                .filter(d -> d.name().equals(upper) || (upper.length() == 3 && d.name().startsWith(upper)))
                .findFirst();
    }

    private static Optional<LocalTime> localTime(String text) {
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String text) {
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
