/**
 * Retell's webhook protocol: authenticating a delivery and turning its body into typed events.
 *
 * <h2>Signature ({@link io.callhook.core.retell.RetellSignatureVerifier})</h2>
 * Retell signs each delivery with our API key (there is no separate webhook secret) in the {@code x-retell-signature}
 * header, {@code v=<epoch ms>,d=<hex>}. The digest is HMAC-SHA256 over the <strong>raw body bytes as received</strong>
 * immediately followed by the timestamp digits, with no separator. The trap: verify before any JSON binding, on the
 * captured bytes. A body that was parsed and re-serialised, re-encoded or had its line endings touched no longer
 * verifies. The timestamp must be within five minutes of our clock in either direction (inclusive), and the comparison
 * is constant-time. The header carries no key id, so during a key rotation every configured key is tried, newest first.
 * {@link io.callhook.core.retell.RetellSigner} produces the same header for tests and tooling.
 *
 * <h2>Parsing ({@link io.callhook.core.retell.RetellEventParser})</h2>
 * The parser never throws: an unusable body is a {@link io.callhook.core.retell.ParseResult.Malformed} naming the
 * field. It is tolerant where Retell varies and strict where a silent guess would corrupt data:
 * <ul>
 *   <li>unknown fields, absent optional fields and JSON {@code null} are fine; a present field of the wrong type is
 *       not;</li>
 *   <li>unknown event names become {@link io.callhook.core.retell.UnrecognisedEvent}, unknown enumeration values map
 *       to {@code OTHER} (the disconnection reason keeps its wire string): Retell's lists grow;</li>
 *   <li>the call object is read from {@code call}, or from {@code data} in older deliveries;</li>
 *   <li>units are converted once: epoch milliseconds to {@link java.time.Instant}, costs kept in cents as the exact
 *       {@link java.math.BigDecimal} written on the wire; fields callhook does not model stay available as raw JSON.</li>
 * </ul>
 * See {@code PROTOCOL.md} for the protocol reference this package implements.
 */
package io.callhook.core.retell;
