package dev.cairn.engine.event;

import dev.cairn.engine.contact.ContactId;

/** Published when an event is stored, so journeys can react without polling for it. */
public record EventRecorded(long eventId, ContactId contactId) {}
