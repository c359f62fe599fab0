/**
 * Benchmarks and loopback load drivers for the terminal channel. Nothing here runs in {@code mvn
 * verify} (it only compiles); run them with {@code bench/run.sh}. Every driver talks only to
 * simulated terminals on 127.0.0.1, is bounded in count and time, stops by itself and writes its
 * figures under {@code bench/results/}. TLS trust is always the simulator's CA only.
 */
package io.ecrhub.bench;
