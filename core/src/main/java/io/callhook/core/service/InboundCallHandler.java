package io.callhook.core.service;

import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.PhoneNumberE164;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.in.InboundAnswer;
import io.callhook.core.port.out.InboundDecision;
import io.callhook.core.port.out.Stores;
import io.callhook.core.retell.CallInbound;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Answers {@code call_inbound}: the called number's organisation and configured inbound agent (else the agent Retell
 * proposed), with string variables and metadata naming the organisation. An unknown number gets the empty answer, so
 * Retell's own configuration applies, and a warning in the activity log.
 */
final class InboundCallHandler {

    private InboundCallHandler() {
    }

    /** The answer for this webhook and what it is based on; reads only. */
    static InboundDecision decide(Stores stores, CallInbound inbound) {
        Optional<PhoneNumber> number = PhoneNumberE164.normalise(inbound.toNumber())
                .flatMap(stores.directory()::phoneNumber);
        if (number.isEmpty()) {
            return new InboundDecision(InboundAnswer.EMPTY, null, null, null);
        }
        PhoneNumber phone = number.get();
        Optional<Organization> organization = stores.directory().organization(phone.organizationId());
        Optional<Agent> inboundAgent = Optional.ofNullable(phone.inboundAgentId()).flatMap(stores.directory()::agent)
                .filter(a -> a.organizationId().equals(phone.organizationId()));
        String agentId = inboundAgent.map(Agent::retellAgentId).orElse(inbound.agentId());
        // the agent that will answer, linked like the call events would link it (same organisation only)
        Optional<Agent> answering = inboundAgent.or(() -> Optional.ofNullable(inbound.agentId())
                .flatMap(stores.directory()::agentByRetellId)
                .filter(a -> a.organizationId().equals(phone.organizationId())));
        String orgId = phone.organizationId().toString();
        Map<String, String> variables = Map.of(
                "organization_id", orgId,
                "organization_name", organization.map(Organization::name).orElse(""));
        Map<String, String> metadata = Map.of(
                "callhook_organization_id", orgId,
                "callhook_phone_number_id", phone.id().toString());
        return new InboundDecision(new InboundAnswer(agentId, variables, metadata), phone.id(),
                phone.organizationId(), answering.map(Agent::id).orElse(null));
    }

    /**
     * The decision for a webhook that was already answered with no routing ({@code {}}: Retell's own set-up applies):
     * the empty answer, and the number, organisation and agent that set-up gives (the agent Retell named in the
     * webhook, when it is one of the number's organisation's); reads only.
     */
    static InboundDecision decideWithoutRouting(Stores stores, CallInbound inbound) {
        Optional<PhoneNumber> number = PhoneNumberE164.normalise(inbound.toNumber())
                .flatMap(stores.directory()::phoneNumber);
        if (number.isEmpty()) {
            return new InboundDecision(InboundAnswer.EMPTY, null, null, null);
        }
        PhoneNumber phone = number.get();
        Optional<Agent> answering = Optional.ofNullable(inbound.agentId())
                .flatMap(stores.directory()::agentByRetellId)
                .filter(a -> a.organizationId().equals(phone.organizationId()));
        return new InboundDecision(InboundAnswer.EMPTY, phone.id(), phone.organizationId(),
                answering.map(Agent::id).orElse(null));
    }

    /**
     * Records the inbound call (when Retell sent its id) and notifies the organisation's users, as {@code decision}
     * (the answer Retell was given) says.
     */
    static InboundAnswer apply(Stores stores, CallInbound inbound, InboundDecision decision, Instant now,
                               ChangeRecorder changes) {
        OrganizationId organization = decision.organizationId();
        if (!decision.knownNumber()) {
            changes.record(null, "phone_number", inbound.toNumber(), "unknown_number", null,
                    "inbound call from " + inbound.fromNumber() + " answered with Retell's defaults");
        } else {
            changes.record(organization, "phone_number", decision.phoneNumberId().toString(), "inbound_call",
                    null, "from " + inbound.fromNumber() + " answered by " + decision.answer().overrideAgentId());
        }
        if (inbound.callId() == null) {
            return decision.answer(); // the call events will carry the id; users are notified then
        }
        CallId id = new CallId(inbound.callId());
        Optional<Call> existing = stores.calls().lock(id);
        if (existing.isEmpty()) {
            CallLinks links = organization == null ? CallLinks.NONE
                    : new CallLinks(organization, decision.agentId(), null, null);
            Call call = Call.register(id, links, now).applyInbound(decision.answer().overrideAgentId(),
                    inbound.agentVersion(), inbound.fromNumber(), inbound.toNumber());
            stores.calls().save(call);
            changes.record(links.organizationId(), "call", id.value(), "created", null, call.state());
        } else {
            // the call's events came first (the appliers take events in any order): what the webhook announced is
            // merged all the same, at its low rank, so the call ends the same whichever came first
            Call merged = existing.get().applyInbound(decision.answer().overrideAgentId(), inbound.agentVersion(),
                    inbound.fromNumber(), inbound.toNumber());
            if (!merged.equals(existing.get())) {
                stores.calls().save(merged);
            }
        }
        if (organization != null) {
            InboundNotifier.notifyUsers(stores, organization, id, inbound.fromNumber(), inbound.toNumber(), now,
                    changes);
        }
        return decision.answer();
    }
}
