/**
 * The domain's test kit, shipped as the {@code domain} test-jar for adapters and the app.
 *
 * <p>Use it with {@code <dependency><groupId>io.ecrhub</groupId><artifactId>domain</artifactId>
 * <type>test-jar</type><scope>test</scope></dependency>} plus {@code junit-jupiter} and {@code
 * assertj-core} at test scope (the test-jar's own dependencies are not transitive). In a reactor
 * build the test-jar exists only from the {@code package} phase on: run {@code verify}, not {@code
 * test}.
 *
 * <ul>
 *   <li>Fixtures: {@link io.ecrhub.domain.testing.TestMoney}, {@link
 *       io.ecrhub.domain.testing.TerminalFixture} (test POS key, not the published default), {@link
 *       io.ecrhub.domain.testing.PaymentFixture}, {@link io.ecrhub.domain.testing.RefundFixture},
 *       {@link io.ecrhub.domain.testing.MutableClock}, {@link
 *       io.ecrhub.domain.testing.SequenceIds}, {@link io.ecrhub.domain.testing.BlackHole} (a
 *       loopback address that drops connects, for unreachable-terminal tests over real sockets).
 *   <li>Fakes: {@code InMemory*} for every persistence port, {@link
 *       io.ecrhub.domain.testing.DirectUnitOfWork}, {@link
 *       io.ecrhub.domain.testing.RecordingEventPublisher}, {@link
 *       io.ecrhub.domain.testing.ScriptedTerminalChannel}.
 *   <li>Contracts: {@code *Contract} per persistence port. Subclass one per adapter, return an
 *       empty store from {@code create()}, override {@code givenTerminal}/{@code givenPayment} when
 *       the schema has foreign keys and {@link io.ecrhub.domain.testing.PortContract#unitOfWork()}
 *       when port calls need a transaction (each call then runs in its own). Every {@code
 *       InMemory*Test} runs its contract against the fake.
 * </ul>
 */
package io.ecrhub.domain.testing;
