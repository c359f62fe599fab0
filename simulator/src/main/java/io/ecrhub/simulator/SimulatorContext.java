package io.ecrhub.simulator;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** What the terminals of one simulator share: event loops, CA, notifier, clock, syssn sequence. */
record SimulatorContext(
    String host,
    String certificateHost,
    SimulatorPki.Ca ca,
    SimulatorPki.CertifiedKey serverCertificate,
    EventLoopGroup boss,
    EventLoopGroup workers,
    QfpayNotifier notifier,
    Clock clock,
    AtomicLong sequence,
    RandomGenerator random) {}
